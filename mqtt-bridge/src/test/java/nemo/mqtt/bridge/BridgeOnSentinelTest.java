package nemo.mqtt.bridge;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.RedisNode;
import nemo.mqtt.testing.RedisSentinelTestResource;

/**
 * A bridge on a Sentinel group (master, replica, three sentinels) with the sentinel client: every
 * entry arrives in per-tool order while the master is SIGKILLed and the sentinels promote the replica.
 */
@QuarkusTest
@QuarkusTestResource(value = RedisSentinelTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = BrokerTestResource.class, restrictToAnnotatedClass = true)
class BridgeOnSentinelTest extends BridgeFixture {

    @Test
    void everyEntryArrivesInPerToolOrderAcrossAMasterKill() throws Exception {
        awaitEveryShardOwned();
        RedisNode master = RedisSentinelTestResource.group().master();
        MasterKill.run(
                redis,
                "sentinel",
                master::kill,
                () -> await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> RedisSentinelTestResource.group().master() != master));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ownership.ownedShards().size() == 8);
    }
}
