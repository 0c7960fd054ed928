package nemo.mqtt.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.FreePorts;
import nemo.mqtt.testing.RedisTestResource;
import nemo.mqtt.testing.TestMqttClient;

/** Broker settings announced through Redis take effect without a restart; bad ones change nothing. */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = TwoBrokersResource.class, restrictToAnnotatedClass = true)
class SettingsChangeTest extends AnnouncedSettingsFixture {

    @Test
    void announcedSettingsMoveTrafficToAnotherBrokerAndBadOnesKeepTheConnection() {
        int firstPort = TwoBrokersResource.first.port();
        int secondPort = TwoBrokersResource.second.port();
        try (TestMqttClient onFirst = Displays.on(firstPort, "nemo/#");
                TestMqttClient onSecond = Displays.on(secondPort, "nemo/#")) {
            add("before");
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> onFirst.received().size() == 1);

            redis.value(String.class)
                    .set(
                            "settings:bridge:settings",
                            new JsonObject()
                                    .put("version", 1)
                                    .put("port", secondPort)
                                    .encode());
            long announced = System.nanoTime();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> broker.isConnected() && broker.settings().port() == secondPort);
            add("after");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> onSecond.received().size() == 1);
            Duration moved = Duration.ofNanos(System.nanoTime() - announced);
            assertTrue(moved.compareTo(Duration.ofSeconds(5)) < 0, "traffic moved after " + moved);
            assertEquals(1, onFirst.received().size(), "nothing more on the old broker");
            assertTrue(onSecond.received().get(0).payload().contains("after"));

            int closedPort = FreePorts.next();
            redis.value(String.class)
                    .set(
                            "settings:bridge:settings",
                            new JsonObject()
                                    .put("version", 2)
                                    .put("port", closedPort)
                                    .encode());
            await().atMost(Duration.ofSeconds(15)).until(() -> broker.settingsError() != null);
            assertNotNull(broker.settingsError());
            assertEquals(secondPort, broker.settings().port(), "the last good settings stay");
            assertTrue(broker.isConnected());
            add("still flowing");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> onSecond.received().size() == 2);

            // the settings page's topic prefix, same broker and client id: the trial connection takes the
            // session over and the broker drops the current one, whose reconnect must not take it back
            // with the old settings. Entries in flight across the change are published again, not lost.
            onSecond.subscribe("lab1/#");
            List<String> inFlight = new ArrayList<>();
            for (int n = 1; n <= 200; n++) {
                inFlight.add("across " + n);
                add("across " + n);
            }
            announce(new JsonObject().put("version", 3).put("port", secondPort).put("topic_prefix", "lab1"));
            assertSettingsStay(3, onSecond, "lab1", 1);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> inFlight.stream().allMatch(note -> delivered(onSecond, note) != null));

            // then the QoS alone, still the same broker and client id: entries go out at QoS 0
            announce(new JsonObject()
                    .put("version", 4)
                    .put("port", secondPort)
                    .put("topic_prefix", "lab1")
                    .put("qos", 0));
            assertSettingsStay(4, onSecond, "lab1", 0);
            // every entry was acked (after its PUBACK, at QoS 1): nothing is left to publish
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> redis.stream(String.class)
                                    .xpending("settings:events:5", "mqtt-bridge")
                                    .getPendingCount()
                            == 0);
        }
    }

    /**
     * The bridge moves to {@code version} and stays there: the heartbeat reports it, and further
     * entries, one at a time, go out with its topic prefix and QoS, all on the one connection.
     */
    private void assertSettingsStay(long version, TestMqttClient display, String prefix, int qos) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> broker.isConnected() && broker.settings().version() == version);
        long connection = broker.connected().await().atMost(Duration.ofSeconds(5));
        for (int n = 1; n <= 10; n++) {
            String note = "version " + version + " #" + n;
            add(note);
            await().atMost(Duration.ofSeconds(10)).until(() -> delivered(display, note) != null);
            TestMqttClient.Received message = delivered(display, note);
            assertEquals(prefix + "/tools/5/enabled", message.topic(), note);
            assertEquals(qos, message.qos(), "published at the announced QoS: " + note);
        }
        assertEquals(
                connection,
                broker.connected().await().atMost(Duration.ofSeconds(5)),
                "no reconnect: the connection of the old settings did not take the session back");
        assertEquals(version, broker.settings().version(), "the new settings stay");
        await().atMost(Duration.ofSeconds(10)).until(() -> heartbeatSettingsVersion() == version);
    }

    /** The first delivery of the entry with {@code note} (at-least-once: a redelivery may follow). */
    private static TestMqttClient.Received delivered(TestMqttClient display, String note) {
        return display.received().stream()
                .filter(m -> NotedEvents.carries(m.payload(), note))
                .findFirst()
                .orElse(null);
    }

    private long heartbeatSettingsVersion() {
        String status = redis.value(String.class).get(heartbeat.key());
        return status == null ? -1 : new JsonObject(status).getLong("settings_version", -1L);
    }

    private void announce(JsonObject settings) {
        redis.value(String.class).set("settings:bridge:settings", settings.encode());
    }

    private void add(String note) {
        redis.stream(String.class).xadd("settings:events:5", NotedEvents.toolEnabled(5, note));
    }
}
