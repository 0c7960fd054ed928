package nemo.mqtt.emitter.event;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes the MQTT payload of an event: the plugin family's fields plus event_id, seq and timestamp. */
@ApplicationScoped
public class PayloadWriter {

    private final ObjectMapper mapper;

    PayloadWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(ToolEvent e) {
        ObjectNode json = mapper.createObjectNode()
                .put("event", e.event().wireName())
                .put("tool_id", e.toolId());
        putIfPresent(json, "tool_name", e.toolName());
        if (e.usageId() != null) {
            json.put("usage_id", e.usageId());
        }
        putIfPresent(json, "user_name", e.userName());
        putIfPresent(json, "operator_name", e.operatorName());
        if (e.startTime() != null) {
            json.put("start_time", e.startTime().toString());
        }
        if (e.endTime() != null) {
            json.put("end_time", e.endTime().toString());
        }
        putIfPresent(json, "note", e.note());
        json.put("event_id", e.eventId().toString())
                .put("seq", e.seq())
                .put("timestamp", e.timestamp().toString());
        try {
            return mapper.writeValueAsString(json);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write payload of " + e.eventId(), ex);
        }
    }

    private static void putIfPresent(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
