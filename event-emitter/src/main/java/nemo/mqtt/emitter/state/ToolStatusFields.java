package nemo.mqtt.emitter.state;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a tool's retained status shows, field by field (snake_case, wire order), in ONE place: the
 * payload is written from it and StatePolicy compares it before and after an event, so a status is
 * published exactly when something it shows changed. Absent values are left out, except
 * {@code next_reservation}, which is null when the tool has none (docs/asyncapi.yaml, ToolStatus).
 */
public final class ToolStatusFields {

    private ToolStatusFields() {}

    /** @return the fields of {@code s}'s status, without the cause's event_id, seq and timestamp. */
    public static Map<String, Object> of(ToolState s) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("tool_id", s.toolId);
        put(f, "tool_name", s.toolName);
        put(f, "parent_tool_id", s.parentToolId);
        put(f, "category", s.category);
        f.put("state", s.state);
        put(f, "since", s.stateSince);
        f.put("in_use", s.inUse);
        put(f, "usage_id", s.usageId);
        put(f, "user_name", s.userName);
        put(f, "operator_name", s.operatorName);
        if (!s.inUse) {
            // who used the tool last and until when: what an idle display shows
            put(f, "last_user_name", s.lastUserName);
            put(f, "last_used_until", s.lastUsedUntil);
        }
        put(f, "delayed_logoff_until", s.delayedLogoffUntil);
        f.put("open_problems", s.openProblems);
        put(f, "problem", s.problemNote);
        put(f, "shutdown_note", s.shutdownNote);
        put(f, "outage_note", s.outageNote);
        put(f, "warning", s.warning);
        put(f, "updated_at", s.updatedAt);
        if (s.nextReservationId == null) {
            f.put("next_reservation", null);
        } else {
            Map<String, Object> next = new LinkedHashMap<>();
            next.put("reservation_id", s.nextReservationId);
            put(next, "user_name", s.nextReservationUser);
            put(next, "start_time", s.nextReservationStart);
            put(next, "end_time", s.nextReservationEnd);
            f.put("next_reservation", next);
        }
        return f;
    }

    /** The shown facts without {@code updated_at} (which every event moves), times as instants. */
    static String fingerprint(ToolState s) {
        Map<String, Object> f = of(s);
        f.remove("updated_at");
        f.replaceAll((k, v) -> v instanceof OffsetDateTime t ? t.toInstant() : v);
        return f.toString();
    }

    private static void put(Map<String, Object> f, String field, Object value) {
        if (value != null) {
            f.put(field, value);
        }
    }
}
