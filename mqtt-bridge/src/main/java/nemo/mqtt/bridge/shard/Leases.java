package nemo.mqtt.bridge.shard;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

import nemo.mqtt.bridge.BridgeConfig;
import nemo.mqtt.service.StreamsConfig;
import nemo.mqtt.wire.RedisKeys;

/**
 * Shard leases and replica membership in Redis. A lease is a key holding its owner's name with an
 * expiry; only the owner may renew or release it (checked atomically in a script). Where the lease's
 * Redis has replicas, a grant or renewal counts only once a replica has it too (WAIT): a failover
 * then promotes a replica whose lease lasts at least as long as its owner trusts it, so no other
 * replica can take the shard while the owner still publishes (docs/notes/redis-guarantees.md).
 */
@ApplicationScoped
public class Leases {

    /** Answers {granted, replicas of this node}; Redis 7 replicates PEXPIRE as an absolute PEXPIREAT. */
    private static final String ACQUIRE = """
            local replicas = tonumber(string.match(redis.call('INFO', 'replication'), 'connected_slaves:(%d+)')) or 0
            local owner = redis.call('GET', KEYS[1])
            if owner == ARGV[1] then return {redis.call('PEXPIRE', KEYS[1], ARGV[2]), replicas} end
            if owner then return {0, replicas} end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return {1, replicas}""";

    private static final String RENEW = """
            local replicas = tonumber(string.match(redis.call('INFO', 'replication'), 'connected_slaves:(%d+)')) or 0
            if redis.call('GET', KEYS[1]) == ARGV[1] then return {redis.call('PEXPIRE', KEYS[1], ARGV[2]), replicas} end
            return {0, replicas}""";
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
    private final Duration replicaWait;
    /** Per shard: whether the lease's Redis node had replicas when last asked. */
    private final Map<Integer, Boolean> replicated = new ConcurrentHashMap<>();

    Leases(ReactiveRedisDataSource redis, BridgeConfig config, StreamsConfig streams) {
        this.redis = redis;
        this.me = config.consumerName();
        this.keyPrefix = streams.keyPrefix();
        this.ttlMillis = Long.toString(config.lease().ttl().toMillis());
        this.replicaWait = config.lease().renewInterval().dividedBy(4);
    }

    public String me() {
        return me;
    }

    /** The key holding a shard's owner, beside its stream: {@code <prefix>:lease:<shard>}. */
    public String leaseKey(int shard) {
        return RedisKeys.lease(keyPrefix, shard);
    }

    /** The registry of live replicas, which the monitor's bridges page reads too ({@link RedisKeys#bridgeMembers}). */
    public String membersKey() {
        return RedisKeys.bridgeMembers(keyPrefix);
    }

    /** Takes a free shard's lease, or extends this replica's own; see {@link Grant}. */
    public Uni<Grant> acquire(int shard) {
        return confirmed(ACQUIRE, shard);
    }

    /** Extends this replica's lease of a shard; not held when another replica has it or it lapsed and was taken. */
    public Uni<Grant> renew(int shard) {
        return confirmed(RENEW, shard);
    }

    public Uni<Void> release(int shard) {
        return script(RELEASE, leaseKey(shard), me).replaceWithVoid();
    }

    /** Marks this replica alive and answers the replicas that are (seen within the lease time). */
    public Uni<List<String>> heartbeat() {
        return script(HEARTBEAT, membersKey(), me, ttlMillis).map(members -> {
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

    /**
     * Runs a grant script and, where the lease's node had replicas at the last look, WAIT for one to
     * have it, in one pipeline on one connection (WAIT waits for that connection's writes; on a
     * cluster the keyless WAIT goes with the lease key's slot). The first look at a node learns
     * whether it has replicas, and answers unconfirmed if it does.
     */
    private Uni<Grant> confirmed(String script, int shard) {
        String key = leaseKey(shard);
        boolean waitForReplica = replicated.getOrDefault(shard, false);
        List<Request> requests = new java.util.ArrayList<>(List.of(
                Request.cmd(Command.EVAL).arg(script).arg(1).arg(key).arg(me).arg(ttlMillis)));
        if (waitForReplica) {
            requests.add(Request.cmd(Command.WAIT).arg(1).arg(replicaWait.toMillis()));
        }
        return redis.getRedis().batch(requests).map(answers -> {
            Response granted = answers.get(0);
            long replicas = granted.get(1).toLong();
            replicated.put(shard, replicas > 0);
            boolean held = granted.get(0).toLong() == 1;
            boolean copied = replicas == 0 || waitForReplica && answers.get(1).toLong() >= 1;
            return new Grant(held, held && copied);
        });
    }

    /**
     * The answer to a grant or renewal.
     *
     * @param held      this replica holds the lease now
     * @param confirmed and a replica of the lease's Redis has it too (or that Redis has none), so a
     *                  failover keeps it: only a confirmed lease may be published under, and only
     *                  until the lease time after the request was sent
     */
    public record Grant(boolean held, boolean confirmed) {}

    private Uni<Response> script(String script, String key, String... args) {
        String[] command = new String[3 + args.length];
        command[0] = script;
        command[1] = "1";
        command[2] = key;
        System.arraycopy(args, 0, command, 3, args.length);
        return redis.execute("EVAL", command);
    }
}
