package nemo.mqtt.bridge.shard;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import nemo.mqtt.bridge.BridgeConfig;

/**
 * Shard leases and replica membership in Redis. A lease is a key holding its owner's name with an
 * expiry; only the owner may renew or release it (checked atomically in a script).
 */
@ApplicationScoped
public class Leases {

    private static final String ACQUIRE = """
            local owner = redis.call('GET', KEYS[1])
            if owner == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            if owner then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1""";
    private static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0""";
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""";
    /** Scores are Redis's own clock, so replicas with skewed clocks agree on who is alive. */
    private static final String HEARTBEAT = """
            local t = redis.call('TIME')
            local now = t[1] * 1000 + math.floor(t[2] / 1000)
            redis.call('ZADD', KEYS[1], now, ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ARGV[2])
            return redis.call('ZRANGE', KEYS[1], 0, -1)""";

    private final ReactiveRedisDataSource redis;
    private final String me;
    private final String keyPrefix;
    private final String ttlMillis;

    Leases(ReactiveRedisDataSource redis, BridgeConfig config) {
        this.redis = redis;
        this.me = config.consumerName();
        this.keyPrefix = config.streams().keyPrefix();
        this.ttlMillis = Long.toString(config.lease().ttl().toMillis());
    }

    public String me() {
        return me;
    }

    /** The key holding a shard's owner, beside its stream: {@code <prefix>:lease:<shard>}. */
    public String leaseKey(int shard) {
        return keyPrefix + ":lease:" + shard;
    }

    public String membersKey() {
        return keyPrefix + ":bridges";
    }

    public Uni<Boolean> acquire(int shard) {
        return script(ACQUIRE, leaseKey(shard), me, ttlMillis).map(r -> r.toLong() == 1);
    }

    public Uni<Boolean> renew(int shard) {
        return script(RENEW, leaseKey(shard), me, ttlMillis).map(r -> r.toLong() == 1);
    }

    public Uni<Void> release(int shard) {
        return script(RELEASE, leaseKey(shard), me).replaceWithVoid();
    }

    /** Marks this replica alive and answers the replicas that are (seen within the lease time). */
    public Uni<List<String>> heartbeat() {
        return script(HEARTBEAT, membersKey(), me, ttlMillis)
                .map(members -> {
                    List<String> names = new java.util.ArrayList<>(members.size());
                    members.forEach(member -> names.add(member.toString()));
                    return names;
                });
    }

    /** Leaves the membership at once, so the others rebalance without waiting for the lease time. */
    public Uni<Void> leave() {
        return redis.sortedSet(String.class).zrem(membersKey(), me).replaceWithVoid();
    }

    public Duration ttl() {
        return Duration.ofMillis(Long.parseLong(ttlMillis));
    }

    private Uni<Response> script(String script, String key, String... args) {
        String[] command = new String[3 + args.length];
        command[0] = script;
        command[1] = "1";
        command[2] = key;
        System.arraycopy(args, 0, command, 3, args.length);
        return redis.execute("EVAL", command);
    }
}
