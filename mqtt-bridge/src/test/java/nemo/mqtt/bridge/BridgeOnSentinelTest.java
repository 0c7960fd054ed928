package nemo.mqtt.bridge;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import nemo.mqtt.bridge.shard.ShardOwnership;
import nemo.mqtt.testing.RedisNode;
import nemo.mqtt.testing.RedisSentinelGroup;

/**
 * A bridge on a Sentinel group (master, replica, three sentinels) with the sentinel client: every
 * entry arrives in per-tool order while the master is SIGKILLed and the sentinels promote the replica.
 */
@QuarkusTest
@QuarkusTestResource(value = BridgeOnSentinelTest.Sentinels.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = BrokerTestResource.class, restrictToAnnotatedClass = true)
class BridgeOnSentinelTest {

    /** A Sentinel group of the test's own: it kills the master. */
    public static class Sentinels implements QuarkusTestResourceLifecycleManager {
        static RedisSentinelGroup group;

        @Override
        public Map<String, String> start() {
            group = RedisSentinelGroup.start();
            return Map.of("quarkus.redis.hosts", group.hosts(), "quarkus.redis.client-type", "sentinel",
                    "quarkus.redis.master-name", RedisSentinelGroup.MASTER_NAME);
        }

        @Override
        public void stop() {
            group.close();
        }
    }

    @Inject
    RedisDataSource redis;

    @Inject
    ShardOwnership ownership;

    @Test
    void everyEntryArrivesInPerToolOrderAcrossAMasterKill() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> ownership.ownedShards().size() == 8);
        RedisNode master = Sentinels.group.master();
        MasterKill.run(redis, "sentinel", master::kill, () -> await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> Sentinels.group.master() != master));
        await().atMost(Duration.ofSeconds(30)).until(() -> ownership.ownedShards().size() == 8);
    }
}
