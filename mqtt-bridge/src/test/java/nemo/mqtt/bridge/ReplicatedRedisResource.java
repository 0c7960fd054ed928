package nemo.mqtt.bridge;

import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import nemo.mqtt.testing.RedisNode;
import nemo.mqtt.testing.TempDirs;

/** A Redis master with one replica of the test's own, and short leases so a lapse shows within seconds. */
public class ReplicatedRedisResource implements QuarkusTestResourceLifecycleManager {

    static volatile RedisNode master;
    static volatile RedisNode replica;

    @Override
    public Map<String, String> start() {
        master = RedisNode.start(TempDirs.create("nemo-redis-master-"), List.of("enable-debug-command local"));
        replica = RedisNode.start(
                TempDirs.create("nemo-redis-replica-"),
                List.of("enable-debug-command local", "replicaof 127.0.0.1 " + master.port()));
        return Map.of(
                "quarkus.redis.hosts",
                "redis://127.0.0.1:" + master.port(),
                "nemo.bridge.lease.ttl",
                "3s",
                "nemo.bridge.lease.renew-interval",
                "1s");
    }

    @Override
    public void stop() {
        replica.stop();
        master.stop();
    }
}
