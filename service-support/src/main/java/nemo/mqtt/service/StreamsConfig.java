package nemo.mqtt.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Redis names the three services must agree on, under one prefix ({@code nemo.streams}, in the
 * environment {@code NEMO_STREAMS_*}) that the emitter, the bridge and the monitor all read through
 * this one mapping: one setting each, so no service can be left with another value. The keys
 * themselves are built by the wire module's {@code RedisKeys}.
 */
@ConfigMapping(prefix = "nemo.streams")
public interface StreamsConfig {

    /**
     * Shard streams are {@code <key-prefix>:<shard>}, the dead letters {@code <key-prefix>:dead}
     * ({@code NEMO_STREAMS_KEY_PREFIX}). No hash tag ({@code {...}}): on a Redis Cluster each
     * stream hashes to its own slot.
     */
    @WithDefault("nemo:events")
    String keyPrefix();

    /** How many shard streams; a tool always maps to the same one ({@code NEMO_STREAMS_SHARDS}). */
    @WithDefault("8")
    int shards();

    /** The bridges' consumer group: the emitter trims only what it acknowledged, the monitor shows its lag. */
    @WithDefault("mqtt-bridge")
    String group();

    /** Each bridge replica writes its heartbeat to {@code <heartbeat-key-prefix><consumer-name>}, expiring. */
    @WithDefault("nemo:bridge:heartbeat:")
    String heartbeatKeyPrefix();

    /** Where monitor-ui announces the saved broker settings to the bridges (JSON). */
    @WithDefault("nemo:bridge:settings")
    String settingsKey();
}
