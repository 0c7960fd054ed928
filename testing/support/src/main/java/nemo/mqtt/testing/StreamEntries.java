package nemo.mqtt.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.vertx.core.json.JsonObject;

/** Stream entries as the emitter writes them (DESIGN.md: topic, payload, qos, retain, event_id, tool_id, seq). */
public final class StreamEntries {

    private StreamEntries() {}

    /** A QoS 1 event of a tool on {@code nemo/tools/<tool>/<what>}, its payload carrying event_id and seq. */
    public static Map<String, String> toolEvent(long toolId, long seq, String what) {
        String eventId = UUID.randomUUID().toString();
        String payload = new JsonObject()
                .put("event", "tool_" + what)
                .put("tool_id", toolId)
                .put("event_id", eventId)
                .put("seq", seq)
                .encode();
        return entry("nemo/tools/" + toolId + "/" + what, payload, eventId, toolId, seq);
    }

    /**
     * The fields, in the emitter's order, of a QoS 1 entry, not retained, publishing {@code payload} on
     * {@code topic}.
     */
    public static Map<String, String> entry(String topic, String payload, String eventId, long toolId, long seq) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("topic", topic);
        fields.put("payload", payload);
        fields.put("qos", "1");
        fields.put("retain", "0");
        fields.put("event_id", eventId);
        fields.put("tool_id", String.valueOf(toolId));
        fields.put("seq", String.valueOf(seq));
        return fields;
    }
}
