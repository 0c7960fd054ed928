package nemo.mqtt.emitter.event;

import java.time.OffsetDateTime;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nemo.mqtt.emitter.state.ToolState;
import nemo.mqtt.emitter.state.ToolStatusFields;
import nemo.mqtt.wire.WireTime;

/**
 * Writes the MQTT payloads: an event with the plugin family's fields plus event_id, seq and
 * timestamp, and a tool's full status. Absent values are left out rather than sent as null. Every
 * time is in the one wire form, {@link WireTime} (UTC, three decimals, {@code +00:00}).
 */
@ApplicationScoped
public class PayloadWriter {

    @Inject
    ObjectMapper mapper;

    @Inject
    Signer signer;

    /**
     * An event's payload. {@code tool_name} is the name of {@code tool_id} (for a child tool's event,
     * the parent's; the child's travels as {@code child_tool_name}).
     */
    public String event(ToolEvent e) {
        ToolEventDraft r = e.reported();
        ObjectNode json =
                mapper.createObjectNode().put("event", e.event().wireName()).put("tool_id", e.toolId());
        number(json, "child_tool_id", r.childToolId());
        text(json, "tool_name", e.toolName());
        text(json, "child_tool_name", r.childToolName());
        number(json, "parent_tool_id", r.parentToolId());
        text(json, "category", r.category());
        number(json, "usage_id", r.usageId());
        number(json, "reservation_id", r.reservationId());
        number(json, "task_id", r.taskId());
        text(json, "user_name", r.userName());
        text(json, "operator_name", r.operatorName());
        time(json, "start_time", r.startTime());
        time(json, "end_time", r.endTime());
        time(json, "delayed_logoff_until", r.delayedLogoffUntil());
        text(json, "note", r.note());
        return finish(json, e);
    }

    /**
     * The retained status: the tool's one state, who and since when (when idle, who used it last
     * and until when), open problem, last change, and the next reservation (null when none), so a
     * display that reads only the status sees it. The fields are {@link ToolStatusFields}'s.
     */
    public String status(ToolState s, ToolEvent cause) {
        ObjectNode json = mapper.createObjectNode().put("event", "tool_status");
        fields(json, ToolStatusFields.of(s));
        return finish(json, cause);
    }

    /** The retained next reservation: its id, who and when; without them when the tool has none. */
    public String next(ToolState s, ToolEvent cause) {
        ObjectNode json =
                mapper.createObjectNode().put("event", "tool_next_reservation").put("tool_id", s.toolId);
        text(json, "tool_name", s.toolName);
        number(json, "reservation_id", s.nextReservationId);
        text(json, "user_name", s.nextReservationUser);
        time(json, "start_time", s.nextReservationStart);
        time(json, "end_time", s.nextReservationEnd);
        return finish(json, cause);
    }

    /** The cause's event_id and seq go on every message it produced, so subscribers can order and de-duplicate. */
    private String finish(ObjectNode json, ToolEvent cause) {
        json.put("event_id", cause.eventId().toString())
                .put("seq", cause.seq())
                .put("timestamp", WireTime.format(cause.timestamp()));
        try {
            return signer.sign(mapper.writeValueAsString(json));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write payload of " + cause.eventId(), ex);
        }
    }

    @SuppressWarnings("unchecked")
    private static void fields(ObjectNode json, Map<String, Object> fields) {
        fields.forEach((field, value) -> {
            if (value == null) {
                json.putNull(field);
            } else if (value instanceof Map<?, ?> nested) {
                fields(json.putObject(field), (Map<String, Object>) nested);
            } else if (value instanceof OffsetDateTime t) {
                json.put(field, WireTime.format(t));
            } else if (value instanceof Number n) {
                json.put(field, n.longValue());
            } else if (value instanceof Boolean b) {
                json.put(field, b);
            } else {
                json.put(field, value.toString());
            }
        });
    }

    private static void text(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    private static void number(ObjectNode json, String field, Long value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    private static void time(ObjectNode json, String field, OffsetDateTime value) {
        if (value != null) {
            json.put(field, WireTime.format(value));
        }
    }
}
