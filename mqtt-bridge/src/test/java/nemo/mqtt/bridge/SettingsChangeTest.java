package nemo.mqtt.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import nemo.mqtt.bridge.mqtt.BrokerConnection;
import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.FreePorts;
import nemo.mqtt.testing.RedisTestResource;
import nemo.mqtt.testing.TestMqttClient;

/** Broker settings announced through Redis take effect without a restart; bad ones change nothing. */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = TwoBrokersResource.class, restrictToAnnotatedClass = true)
class SettingsChangeTest {

    @Inject
    RedisDataSource redis;

    @Inject
    BrokerConnection broker;

    @Test
    void announcedSettingsMoveTrafficToAnotherBrokerAndBadOnesKeepTheConnection() {
        int firstPort = TwoBrokersResource.first.port();
        int secondPort = TwoBrokersResource.second.port();
        try (TestMqttClient onFirst = TestMqttClient.display(DevCerts.shared(), firstPort).connect().subscribe("nemo/#");
                TestMqttClient onSecond = TestMqttClient.display(DevCerts.shared(), secondPort).connect().subscribe("nemo/#")) {
            add("before");
            await().atMost(Duration.ofSeconds(15)).until(() -> onFirst.received().size() == 1);

            redis.value(String.class).set("settings:bridge:settings",
                    new JsonObject().put("version", 1).put("port", secondPort).encode());
            long announced = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).until(() -> broker.isConnected() && broker.settings().port() == secondPort);
            add("after");
            await().atMost(Duration.ofSeconds(5)).until(() -> onSecond.received().size() == 1);
            Duration moved = Duration.ofNanos(System.nanoTime() - announced);
            assertTrue(moved.compareTo(Duration.ofSeconds(5)) < 0, "traffic moved after " + moved);
            assertEquals(1, onFirst.received().size(), "nothing more on the old broker");
            assertTrue(onSecond.received().get(0).payload().contains("after"));

            int closedPort = FreePorts.next();
            redis.value(String.class).set("settings:bridge:settings",
                    new JsonObject().put("version", 2).put("port", closedPort).encode());
            await().atMost(Duration.ofSeconds(15)).until(() -> broker.settingsError() != null);
            assertNotNull(broker.settingsError());
            assertEquals(secondPort, broker.settings().port(), "the last good settings stay");
            assertTrue(broker.isConnected());
            add("still flowing");
            await().atMost(Duration.ofSeconds(10)).until(() -> onSecond.received().size() == 2);

            // the settings page's topic prefix and QoS, same broker and client id: entries now go out
            // under lab1/ at QoS 0, and keep doing so (the trial connection takes the session over
            // from the current one, whose own reconnect must not take it back with the old settings)
            onSecond.subscribe("lab1/#");
            redis.value(String.class).set("settings:bridge:settings", new JsonObject().put("version", 3)
                    .put("port", secondPort).put("topic_prefix", "lab1").put("qos", 0).encode());
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.settings().version() == 3);
            for (int n = 1; n <= 5; n++) {
                String note = "renamed " + n;
                add(note);
                // (at-least-once: a redelivery of an earlier entry may come first)
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> onSecond.received().stream().anyMatch(m -> m.payload().contains(note)));
                TestMqttClient.Received renamed = onSecond.received().stream()
                        .filter(m -> m.payload().contains(note)).findFirst().orElseThrow();
                assertEquals("lab1/tools/5/enabled", renamed.topic(), note);
                assertEquals(0, renamed.qos(), "published at the announced QoS: " + note);
            }
            assertEquals(3, broker.settings().version(), "the new settings stay");
            assertTrue(broker.isConnected());
        }
    }

    private void add(String note) {
        String eventId = UUID.randomUUID().toString();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("topic", "nemo/tools/5/enabled");
        fields.put("payload", new JsonObject().put("event", "tool_enabled").put("tool_id", 5).put("note", note)
                .put("event_id", eventId).encode());
        fields.put("qos", "1");
        fields.put("retain", "0");
        fields.put("event_id", eventId);
        redis.stream(String.class).xadd("settings:events:5", fields);
    }
}
