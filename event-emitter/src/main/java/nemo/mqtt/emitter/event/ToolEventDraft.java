package nemo.mqtt.emitter.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A validated event as a source reported it, before the emitter gives it its seq and timestamp.
 * An event of a child tool is kept under its parent ({@code toolId}), naming the child
 * ({@code childToolId}, {@code childToolName}).
 */
public record ToolEventDraft(
        UUID eventId,
        EventType event,
        long toolId,
        Long childToolId,
        String toolName,
        String childToolName,
        Long parentToolId,
        String category,
        Long usageId,
        Long reservationId,
        Long taskId,
        String userName,
        String operatorName,
        OffsetDateTime startTime,
        OffsetDateTime endTime,
        OffsetDateTime delayedLogoffUntil,
        String note) {

    /**
     * An event about tool {@code toolId} itself, named {@code toolName} in {@code category}: no child,
     * usage, reservation, task, person, time or note.
     */
    public static ToolEventDraft ofTool(UUID eventId, EventType event, long toolId, String toolName, String category) {
        return new ToolEventDraft(
                eventId, event, toolId, null, toolName, null, null, category, null, null, null, null, null, null, null,
                null, null);
    }

    /** This draft as accepted: the id, per-tool seq and timestamp the emitter gave it. */
    public ToolEvent withIdentity(UUID id, long seq, OffsetDateTime timestamp) {
        return new ToolEvent(id, seq, timestamp, toolName, this);
    }

    /**
     * SHA-256 (hex) of what was reported, times as instants, without the event_id: two requests with
     * one event_id are the same event exactly when these agree (a retry), else the second is refused.
     * The fingerprint is stored with the event, so its parts are listed here once and for good: a
     * component added to this record joins the list only at its end, or every stored fingerprint
     * changes and a retry across that upgrade is refused.
     */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder();
        for (Object value : new Object[] {
            event.wireName(),
            toolId,
            childToolId,
            toolName,
            childToolName,
            parentToolId,
            category,
            usageId,
            reservationId,
            taskId,
            userName,
            operatorName,
            instant(startTime),
            instant(endTime),
            instant(delayedLogoffUntil),
            note
        }) {
            String text = value == null ? "" : value.toString();
            // length-prefixed, so no value can pass for two
            canonical
                    .append(value == null ? -1 : text.length())
                    .append(':')
                    .append(text)
                    .append(';');
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
