package nemo.mqtt.bridge;

import java.util.Map;

import io.vertx.core.json.JsonObject;

import nemo.mqtt.testing.StreamEntries;

/** Stream entries a test recognizes on the display by a note of its own in the payload. */
final class NotedEvents {

    private NotedEvents() {}

    /** A QoS 1 {@code tool_enabled} entry of {@code toolId} (StreamEntries's) whose payload also carries {@code note}. */
    static Map<String, String> toolEnabled(long toolId, String note) {
        Map<String, String> fields = StreamEntries.toolEvent(toolId, 1, "enabled");
        fields.put(
                "payload",
                new JsonObject(fields.get("payload")).put("note", note).encode());
        return fields;
    }

    /** Whether {@code payload} is that of the entry with {@code note} (a note without quotes or backslashes). */
    static boolean carries(String payload, String note) {
        return payload.contains("\"note\":\"" + note + "\""); // notes are plain words, as JSON encodes them
    }
}
