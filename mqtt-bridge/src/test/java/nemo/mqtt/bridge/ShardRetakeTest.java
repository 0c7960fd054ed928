package nemo.mqtt.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import nemo.mqtt.bridge.shard.ShardOwnership;
import nemo.mqtt.testing.RedisTestResource;
import nemo.mqtt.testing.StreamEntries;
import nemo.mqtt.testing.TestMqttClient;

/**
 * A replica that loses a shard's lease and takes the shard again at once must not read it twice: the
 * stopped reader's XREADGROUP '>' (same consumer name) is still blocked, and the entry it returns
 * would stay pending behind the new reader, which has already replayed the pending list and
 * publishes the next entries first (ReplicasIT saw seq 1 arrive after seq 250 on a loaded machine).
 */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = BrokerTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = ShardRetakeTest.LongReads.class, restrictToAnnotatedClass = true)
class ShardRetakeTest {

    private static final String PREFIX = "nemo:retake";
    private static final String STREAM = PREFIX + ":0";
    private static final long TOOL = 7901;

    /** One shard; reads block 10 s, far longer than a renewal round, and nothing is rechecked meanwhile. */
    public static class LongReads implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of(
                    "nemo.streams.key-prefix", PREFIX,
                    "nemo.streams.shards", "1",
                    "nemo.bridge.streams.block", "10s",
                    "nemo.bridge.streams.pending-recheck", "10m",
                    "nemo.bridge.lease.ttl", "3s",
                    "nemo.bridge.lease.renew-interval", "1s");
        }

        @Override
        public void stop() {}
    }

    @Inject
    RedisDataSource redis;

    @Inject
    ShardOwnership ownership;

    @Test
    void aShardTakenAgainAfterItsLeaseWasLostKeepsItsOrder() {
        try (TestMqttClient display = Displays.onSharedBroker("nemo/tools/" + TOOL + "/#")) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> ownership.ownedShards().contains(0));
            add(1); // the reader publishes it and blocks again, for 10 s, on '>'
            await().atMost(Duration.ofSeconds(10)).until(() -> seqs(display).size() == 1);

            redis.key().del(PREFIX + ":lease:0"); // the next renewal finds the lease gone: the reader is stopped
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> "test-bridge".equals(redis.value(String.class).get(PREFIX + ":lease:0"))
                            && ownership.ownedShards().contains(0));
            add(2);
            add(3);

            await().atMost(Duration.ofSeconds(30)).until(() -> seqs(display).contains(3L));
            assertEquals(List.of(1L, 2L, 3L), seqs(display), "seqs in arrival order");
        }
    }

    private void add(long seq) {
        redis.stream(String.class).xadd(STREAM, StreamEntries.toolEvent(TOOL, seq, "enabled"));
    }

    private static List<Long> seqs(TestMqttClient display) {
        return display.received().stream()
                .map(m -> new JsonObject(m.payload()).getLong("seq"))
                .toList();
    }
}
