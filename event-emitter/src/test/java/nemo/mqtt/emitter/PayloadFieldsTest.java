package nemo.mqtt.emitter;

import static nemo.mqtt.emitter.EmitterApi.accept;
import static nemo.mqtt.emitter.EmitterApi.authorized;
import static nemo.mqtt.emitter.EmitterApi.entries;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** What the payloads carry: one time form, the tool's name, a child's own name, who used the tool last. */
@QuarkusTest
@WithPostgresAndRedis
class PayloadFieldsTest {

    /** nemo.mqtt.wire.WireTime's form. */
    private static final Pattern WIRE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+00:00");

    private static final Pattern LOOKS_LIKE_TIME = Pattern.compile("[+-]?\\d{4,}-\\d{2}-\\d{2}T.*");

    @Test
    void everyTimeOnTheWireHasTheOneFormAndEveryFieldIsThere() {
        long tool = 7601;
        accept("{\"event\":\"tool_updated\",\"tool_id\":7601,\"tool_name\":\"Woollam\",\"category\":\"Metrology\"}");
        accept("{\"event\":\"reservation_created\",\"tool_id\":7601,\"reservation_id\":7611,\"user_name\":\"Bob\","
                + "\"start_time\":\"2999-01-01T09:00:00+01:00\",\"end_time\":\"2999-01-01T10:00:00.5+01:00\"}");
        accept("{\"event\":\"tool_enabled\",\"tool_id\":7601,\"usage_id\":7621,\"user_name\":\"Alice\","
                + "\"start_time\":\"2026-11-30T09:03:44.24+01:00\"}");
        accept("{\"event\":\"tool_disabled\",\"tool_id\":7601,\"usage_id\":7621,"
                + "\"end_time\":\"2026-11-30T10:00:00Z\",\"delayed_logoff_until\":\"2026-11-30T10:05:00.123456Z\"}");

        List<Map.Entry<String, JsonObject>> messages = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> messages(tool),
                        l -> l.stream()
                                        .filter(m -> m.getKey().endsWith("/disabled"))
                                        .count()
                                == 1);
        List<String> times = new ArrayList<>();
        messages.forEach(m -> collectTimes(m.getValue(), times));
        assertTrue(times.size() > 20, "times seen: " + times);
        times.forEach(t -> assertTrue(WIRE_TIME.matcher(t).matches(), "not in the wire form: " + t));

        JsonObject enabled = payload(messages, "/enabled");
        assertEquals("2026-11-30T08:03:44.240+00:00", enabled.getString("start_time"));
        JsonObject disabled = payload(messages, "/disabled");
        assertEquals(
                "Woollam", disabled.getString("tool_name"), "the name the emitter knows, though the POST left it out");
        JsonObject status = last(messages, "/status");
        assertEquals("idle", status.getString("state"));
        assertEquals("Metrology", status.getString("category"));
        assertEquals("2026-11-30T10:00:00.000+00:00", status.getString("since"), "since the usage's end_time");
        assertEquals("Alice", status.getString("last_user_name"));
        assertEquals("2026-11-30T10:00:00.000+00:00", status.getString("last_used_until"));
        assertEquals(
                "2999-01-01T08:00:00.000+00:00",
                status.getJsonObject("next_reservation").getString("start_time"));
        assertEquals("2999-01-01T09:00:00.500+00:00", payload(messages, "/next").getString("end_time"));
        // the API answers in the same form
        authorized()
                .get("/api/v1/tools/" + tool)
                .then()
                .statusCode(200)
                .body("since", is("2026-11-30T10:00:00.000+00:00"))
                .body("last_user_name", is("Alice"));
    }

    @Test
    void aChildToolsEventKeepsTheParentsNameAndCarriesItsOwn() {
        accept("{\"event\":\"tool_updated\",\"tool_id\":7701,\"tool_name\":\"Fiji 2\"}");
        accept(
                "{\"event\":\"tool_enabled\",\"tool_id\":7702,\"parent_tool_id\":7701,\"tool_name\":\"Fiji 2 load lock\","
                        + "\"user_name\":\"Dee\"}");
        authorized()
                .get("/api/v1/tools/7701")
                .then()
                .statusCode(200)
                .body("tool_name", is("Fiji 2"))
                .body("state", is("in_use"));
        List<Map.Entry<String, JsonObject>> messages = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> messages(7701),
                        l -> l.stream().anyMatch(m -> m.getKey().endsWith("/enabled")));
        JsonObject enabled = payload(messages, "/enabled");
        assertEquals("Fiji 2", enabled.getString("tool_name"));
        assertEquals("Fiji 2 load lock", enabled.getString("child_tool_name"));
        assertEquals(7702L, enabled.getLong("child_tool_id"));
        assertEquals("Fiji 2", last(messages, "/status").getString("tool_name"));
        assertFalse(messages.stream()
                .anyMatch(m -> "Fiji 2 load lock".equals(m.getValue().getString("tool_name"))));
    }

    private static void collectTimes(Object value, List<String> times) {
        if (value instanceof JsonObject json) {
            json.forEach(e -> collectTimes(e.getValue(), times));
        } else if (value instanceof String s && LOOKS_LIKE_TIME.matcher(s).matches()) {
            times.add(s);
        }
    }

    private static JsonObject payload(List<Map.Entry<String, JsonObject>> messages, String topicEnd) {
        return messages.stream()
                .filter(m -> m.getKey().endsWith(topicEnd))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow();
    }

    private static JsonObject last(List<Map.Entry<String, JsonObject>> messages, String topicEnd) {
        return messages.stream()
                .filter(m -> m.getKey().endsWith(topicEnd))
                .map(Map.Entry::getValue)
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    private List<Map.Entry<String, JsonObject>> messages(long tool) {
        return entries(tool).stream()
                .map(m -> Map.entry(
                        m.payload().get("topic"), new JsonObject(m.payload().get("payload"))))
                .toList();
    }
}
