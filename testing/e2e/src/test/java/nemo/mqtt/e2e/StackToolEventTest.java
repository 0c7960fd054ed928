package nemo.mqtt.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.SseClient;
import nemo.mqtt.testing.TestMqttClient;

/** The whole path, from the README's one command: REST API → PostgreSQL → Redis stream → TLS broker → browser. */
@Order(1)
@OnSharedStack
class StackToolEventTest {

    @Test
    void aToolEventReachesATlsSubscriberAndTheBrowserInOrderAndNothingStaysPending(SharedStack shared)
            throws Exception {
        var stack = shared.stack;
        try (TestMqttClient display = shared.display("nemo/tools/31/+");
                SseClient browser = SseClient.open(
                        stack.monitor("/feed"),
                        MonitorSession.signIn(stack.monitor("/"), stack.state, "viewer")
                                .cookie())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.status() == 200);

            long sentNanos = System.nanoTime();
            String enabledId = shared.post("""
                    {"event": "tool_enabled", "tool_id": 31, "tool_name": "Woollam", "user_name": "Alice Smith",
                     "usage_id": 501, "start_time": "2026-11-25T10:32:04+01:00"}""").getString("event_id");
            String disabledId = shared.post("""
                    {"event": "tool_disabled", "tool_id": 31, "tool_name": "Woollam", "user_name": "Alice Smith",
                     "usage_id": 501, "start_time": "2026-11-25T10:32:04+01:00", "end_time": "2026-11-25T11:02:00+01:00"}""").getString("event_id");

            await().atMost(Duration.ofSeconds(15)).until(() -> events(display).size() >= 2);
            List<TestMqttClient.Received> received = events(display);
            assertEquals(2, received.size(), "exactly the two events: " + received);
            assertEquals("nemo/tools/31/enabled", received.get(0).topic());
            assertEquals("nemo/tools/31/disabled", received.get(1).topic());
            assertEquals(1, received.get(0).qos());
            assertFalse(received.get(0).retained());

            JsonObject enabled = new JsonObject(received.get(0).payload());
            JsonObject disabled = new JsonObject(received.get(1).payload());
            assertEquals("tool_enabled", enabled.getString("event"));
            assertEquals("tool_disabled", disabled.getString("event"));
            for (JsonObject payload : List.of(enabled, disabled)) {
                assertEquals(31L, payload.getLong("tool_id"));
                assertEquals("Woollam", payload.getString("tool_name"));
                assertEquals("Alice Smith", payload.getString("user_name"));
                assertEquals(501L, payload.getLong("usage_id"));
                assertEquals(
                        Instant.parse("2026-11-25T09:32:04Z"),
                        OffsetDateTime.parse(payload.getString("start_time")).toInstant());
                assertTrue(payload.getString("timestamp").endsWith("+00:00"), payload.getString("timestamp"));
                assertNotNull(OffsetDateTime.parse(payload.getString("timestamp")));
            }
            assertEquals(
                    Instant.parse("2026-11-25T10:02:00Z"),
                    OffsetDateTime.parse(disabled.getString("end_time")).toInstant());
            assertEquals(enabledId, enabled.getString("event_id"));
            assertEquals(disabledId, disabled.getString("event_id"));
            assertEquals(1L, enabled.getLong("seq"));
            assertEquals(2L, disabled.getLong("seq"));

            // the retained status followed each change; the last one says the tool is idle again
            await().atMost(Duration.ofSeconds(10)).until(() -> statuses(display).size() >= 2);
            List<JsonObject> statuses = statuses(display);
            assertEquals(
                    List.of("in_use", "idle"),
                    statuses.stream().map(s -> s.getString("state")).toList());
            assertTrue(display.received().stream()
                    .filter(m -> m.topic().endsWith("/status"))
                    .allMatch(m -> m.qos() == 1));
            try (TestMqttClient late = shared.display("nemo/tools/31/status")) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> late.received().size() == 1);
                assertTrue(late.received().get(0).retained(), "a display that connects later gets the status at once");
                assertEquals("idle", new JsonObject(late.received().get(0).payload()).getString("state"));
            }

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> browser.events().stream()
                                    .filter(e -> e.data().contains(disabledId)
                                            && e.data().contains("nemo/tools/31/disabled"))
                                    .count()
                            == 1);
            List<String> browserOrder = browser.events().stream()
                    .map(e -> new JsonObject(e.data()))
                    .filter(m -> m.getString("topic").matches("nemo/tools/31/(enabled|disabled)"))
                    .map(m -> new JsonObject(m.getString("payload")).getString("event_id"))
                    .toList();
            assertEquals(List.of(enabledId, disabledId), browserOrder);

            await().atMost(Duration.ofSeconds(10)).until(() -> shared.pending() == 0);
            System.out.printf(
                    "end-to-end latency (POST sent -> TLS subscriber received): first %.1f ms, second %.1f ms%n",
                    (received.get(0).receivedNanos() - sentNanos) / 1e6,
                    (received.get(1).receivedNanos() - sentNanos) / 1e6);
        }
    }

    private static List<TestMqttClient.Received> events(TestMqttClient display) {
        return display.received().stream()
                .filter(m -> !m.topic().endsWith("/status") && !m.topic().endsWith("/display"))
                .toList();
    }

    private static List<JsonObject> statuses(TestMqttClient display) {
        return display.received().stream()
                .filter(m -> m.topic().endsWith("/status"))
                .map(m -> new JsonObject(m.payload()))
                .toList();
    }
}
