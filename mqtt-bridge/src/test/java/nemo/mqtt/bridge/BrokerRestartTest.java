package nemo.mqtt.bridge;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.DeliveryAssertions;
import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.RedisTestResource;
import nemo.mqtt.testing.StreamEntries;
import nemo.mqtt.testing.TestMqttClient;

/** The broker dies (SIGKILL) in the middle of a stream of events and comes back: nothing is lost, order holds. */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KillableBrokerResource.class, restrictToAnnotatedClass = true)
class BrokerRestartTest {

    private static final int EVENTS = 5_000;
    private static final int TOOLS = 10;

    @Inject
    RedisDataSource redis;

    @Test
    void aBrokerKilledMidStreamLosesNothingAndPerToolOrderHolds() throws Exception {
        var broker = KillableBrokerResource.broker;
        TestMqttClient display = TestMqttClient.persistentDisplay(DevCerts.shared(), broker.port(), "restart-display");
        // The display's persistent session is saved to the broker's disk by an orderly restart, so it
        // survives the crash below: messages published while the display is away wait for it.
        display.connect().subscribe("nemo/tools/#").disconnect();
        broker.stop();
        broker.start();
        display.reconnect();

        Map<Long, Long> seqs = new HashMap<>();
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < EVENTS; i++) {
                long tool = 1 + i % TOOLS;
                add(tool, seqs.merge(tool, 1L, Long::sum));
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> display.received().size() >= EVENTS / 4);
        broker.kill();
        broker.start();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    try {
                        display.reconnect();
                        return true;
                    } catch (IllegalStateException refused) {
                        return false;
                    }
                });
        producer.get();

        await().atMost(Duration.ofSeconds(90))
                .until(() -> DeliveryAssertions.eventIds(display.received()).size() >= EVENTS);
        // de-duplicated by event_id (first delivery wins), each tool's seq only goes up
        DeliveryAssertions.assertAllOnceInOrder(EVENTS, display.received());
        await().atMost(Duration.ofSeconds(10)).until(() -> totalPending() == 0);
        display.close();
    }

    private void add(long toolId, long seq) {
        redis.stream(String.class)
                .xadd("restart:events:" + (toolId % 8), StreamEntries.toolEvent(toolId, seq, "enabled"));
    }

    private long totalPending() {
        long pending = 0;
        for (int shard = 0; shard < 8; shard++) {
            pending += redis.stream(String.class)
                    .xpending("restart:events:" + shard, "mqtt-bridge")
                    .getPendingCount();
        }
        return pending;
    }
}
