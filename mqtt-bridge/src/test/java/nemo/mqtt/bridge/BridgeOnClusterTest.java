package nemo.mqtt.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.RedisCluster;
import nemo.mqtt.testing.RedisClusterTestResource;
import nemo.mqtt.testing.RedisNode;
import nemo.mqtt.wire.RedisKeys;

/**
 * A bridge on a Redis Cluster (3 masters, 3 replicas) with default settings: it owns every shard
 * (leases confirmed by a replica), is in the registry the monitor reads, and delivers every entry in
 * per-tool order while the master of a shard stream is SIGKILLed and its replica promoted.
 */
@QuarkusTest
@QuarkusTestResource(value = RedisClusterTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = BrokerTestResource.class, restrictToAnnotatedClass = true)
class BridgeOnClusterTest extends BridgeFixture {

    @Test
    void everyEntryArrivesInPerToolOrderAcrossAMasterKill() throws Exception {
        awaitEveryShardOwned();
        assertTrue(
                redis.sortedSet(String.class)
                        .zrange(RedisKeys.bridgeMembers("nemo:events"), 0, -1)
                        .contains("test-bridge"),
                "the replica is in the registry the monitor reads");
        RedisCluster cluster = RedisCluster.shared();
        try {
            MasterKill.run(
                    redis,
                    "cluster",
                    () -> cluster.masterOf("nemo:events:0").kill(),
                    () -> cluster.awaitHealthy(Duration.ofSeconds(30)));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ownership.ownedShards().size() == 8);
        } finally {
            cluster.nodes().stream()
                    .filter(node -> !node.isRunning())
                    .forEach(RedisNode::startAgain); // rejoins as a replica
            cluster.awaitHealthy(Duration.ofSeconds(30));
        }
    }
}
