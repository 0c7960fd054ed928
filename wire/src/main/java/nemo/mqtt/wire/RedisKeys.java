package nemo.mqtt.wire;

/**
 * The Redis key names the services share, in one place, each derived from a configured prefix (the
 * emitter, the bridge and the monitor must agree on them, and KEDA's triggers name them too). None
 * carries a hash tag: on a Redis Cluster each key hashes to its own slot, so the shard streams
 * spread over the masters, and no command or pipeline touches two of them at once.
 */
public final class RedisKeys {

    private RedisKeys() {}

    /** @return a shard's stream: {@code <prefix>:<shard>}, such as {@code nemo:events:3} */
    public static String stream(String streamPrefix, int shard) {
        return streamPrefix + ":" + shard;
    }

    /** @return the dead-letter stream of the shard streams under {@code streamPrefix}: {@code <prefix>:dead} */
    public static String deadLetters(String streamPrefix) {
        return streamPrefix + ":dead";
    }

    /** @return a bridge replica's heartbeat: {@code <heartbeat-prefix><consumer-name>} */
    public static String heartbeat(String heartbeatPrefix, String consumerName) {
        return heartbeatPrefix + consumerName;
    }

    /**
     * The registry of live bridge replicas: a sorted set of consumer names scored with the time
     * (Redis's clock, epoch ms) each last renewed its membership, pruned by the bridges' lease loop.
     * Readers find every replica with one ZRANGE instead of a SCAN (which on a cluster reaches one
     * node), then read each {@link #heartbeat}.
     *
     * @return {@code <prefix>:bridges}, such as {@code nemo:events:bridges}
     */
    public static String bridgeMembers(String streamPrefix) {
        return streamPrefix + ":bridges";
    }

    /** @return the lease naming a shard's owner, beside its stream: {@code <prefix>:lease:<shard>} */
    public static String lease(String streamPrefix, int shard) {
        return streamPrefix + ":lease:" + shard;
    }
}
