package nemo.mqtt.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
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
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try {
                display.reconnect();
                return true;
            } catch (IllegalStateException refused) {
                return false;
            }
        });
        producer.get();

        await().atMost(Duration.ofSeconds(90)).until(() -> distinctEventIds(display).size() >= EVENTS);
        assertEquals(EVENTS, distinctEventIds(display).size());

        // De-duplicated by event_id (first delivery wins), each tool's seq only goes up.
        Set<String> seen = new LinkedHashSet<>();
        Map<Long, List<Long>> perTool = new HashMap<>();
        for (TestMqttClient.Received message : display.received()) {
            JsonObject payload = new JsonObject(message.payload());
            if (seen.add(payload.getString("event_id"))) {
                perTool.computeIfAbsent(payload.getLong("tool_id"), t -> new ArrayList<>()).add(payload.getLong("seq"));
            }
        }
        perTool.forEach((tool, order) -> {
            for (int i = 1; i < order.size(); i++) {
                assertTrue(order.get(i) > order.get(i - 1), "tool " + tool + " went from seq " + order.get(i - 1)
                        + " to " + order.get(i));
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> totalPending() == 0);
        display.close();
    }

    private static Set<String> distinctEventIds(TestMqttClient display) {
        Set<String> ids = new LinkedHashSet<>();
        display.received().forEach(m -> ids.add(new JsonObject(m.payload()).getString("event_id")));
        return ids;
    }

    private void add(long toolId, long seq) {
        redis.stream(String.class).xadd("restart:events:" + (toolId % 8), StreamEntries.toolEvent(toolId, seq, "enabled"));
    }

    private long totalPending() {
        long pending = 0;
        for (int shard = 0; shard < 8; shard++) {
            pending += redis.stream(String.class).xpending("restart:events:" + shard, "mqtt-bridge").getPendingCount();
        }
        return pending;
    }
}
