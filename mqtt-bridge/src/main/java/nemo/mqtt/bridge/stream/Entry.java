package nemo.mqtt.bridge.stream;

import java.util.Map;

/** One stream entry as the emitter wrote it (DESIGN.md: topic, payload, qos, retain, event_id, tool_id, seq). */
public record Entry(
        String stream, String id, String topic, String payload, int qos, boolean retain, String eventId, Long seq) {

    /** Reads the contract's fields; an entry missing its topic or payload cannot be published. */
    public static Entry of(String stream, String id, Map<String, String> fields) {
        return new Entry(
                stream,
                id,
                fields.get("topic"),
                fields.get("payload"),
                parseQos(fields.get("qos")),
                "1".equals(fields.get("retain")) || "true".equals(fields.get("retain")),
                fields.get("event_id"),
                parseSeq(fields.get("seq")));
    }

    /** The tool's seq, or null when absent or not a number (such an entry is never held back as stale). */
    private static Long parseSeq(String seq) {
        try {
            return seq == null ? null : Long.valueOf(seq);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int parseQos(String qos) {
        return "0".equals(qos) ? 0 : 1;
    }
}
