package nemo.mqtt.emitter.event;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nemo.mqtt.emitter.state.ToolState;

/**
 * Writes the MQTT payloads: an event with the plugin family's fields plus event_id, seq and
 * timestamp, and a tool's full status. Absent values are left out rather than sent as null.
 */
@ApplicationScoped
public class PayloadWriter {

    /** Always with seconds (OffsetDateTime.toString() drops ":00"), as RFC 3339 requires. */
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final ObjectMapper mapper;
    private final Signer signer;

    PayloadWriter(ObjectMapper mapper, Signer signer) {
        this.mapper = mapper;
        this.signer = signer;
    }

    public String event(ToolEvent e) {
        ObjectNode json = mapper.createObjectNode()
                .put("event", e.event().wireName())
                .put("tool_id", e.toolId());
        number(json, "child_tool_id", e.childToolId());
        text(json, "tool_name", e.toolName());
        number(json, "parent_tool_id", e.parentToolId());
        text(json, "category", e.category());
        number(json, "usage_id", e.usageId());
        number(json, "reservation_id", e.reservationId());
        text(json, "user_name", e.userName());
        text(json, "operator_name", e.operatorName());
        time(json, "start_time", e.startTime());
        time(json, "end_time", e.endTime());
        time(json, "delayed_logoff_until", e.delayedLogoffUntil());
        text(json, "note", e.note());
        return finish(json, e);
    }

    /**
     * The retained status: the tool's one state, who and since when, open problem, last change, and
     * the next reservation (null when none), so a display that reads only the status sees it.
     */
    public String status(ToolState s, ToolEvent cause) {
        ObjectNode json = mapper.createObjectNode()
                .put("event", "tool_status")
                .put("tool_id", s.toolId);
        text(json, "tool_name", s.toolName);
        number(json, "parent_tool_id", s.parentToolId);
        json.put("state", s.state);
        time(json, "since", s.stateSince);
        json.put("in_use", s.inUse);
        number(json, "usage_id", s.usageId);
        text(json, "user_name", s.userName);
        text(json, "operator_name", s.operatorName);
        time(json, "delayed_logoff_until", s.delayedLogoffUntil);
        json.put("open_problems", s.openProblems);
        text(json, "problem", s.problemNote);
        text(json, "shutdown_note", s.shutdownNote);
        text(json, "outage_note", s.outageNote);
        text(json, "warning", s.warning);
        time(json, "updated_at", s.updatedAt);
        if (s.nextReservationId == null) {
            json.putNull("next_reservation");
        } else {
            ObjectNode next = json.putObject("next_reservation").put("reservation_id", s.nextReservationId);
            text(next, "user_name", s.nextReservationUser);
            time(next, "start_time", s.nextReservationStart);
            time(next, "end_time", s.nextReservationEnd);
        }
        return finish(json, cause);
    }

    /** The retained next reservation: its id, who and when; without them when the tool has none. */
    public String next(ToolState s, ToolEvent cause) {
        ObjectNode json = mapper.createObjectNode()
                .put("event", "tool_next_reservation")
                .put("tool_id", s.toolId);
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
                .put("timestamp", RFC_3339.format(cause.timestamp()));
        try {
            return signer.sign(mapper.writeValueAsString(json));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write payload of " + cause.eventId(), ex);
        }
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
            json.put(field, RFC_3339.format(value));
        }
    }
}
