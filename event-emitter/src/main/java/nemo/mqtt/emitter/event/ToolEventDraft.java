package nemo.mqtt.emitter.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    /** The form before child_tool_name and task_id (the NEMO poller's): neither is known. */
    public ToolEventDraft(
            UUID eventId,
            EventType event,
            long toolId,
            Long childToolId,
            String toolName,
            Long parentToolId,
            String category,
            Long usageId,
            Long reservationId,
            String userName,
            String operatorName,
            OffsetDateTime startTime,
            OffsetDateTime endTime,
            OffsetDateTime delayedLogoffUntil,
            String note) {
        this(
                eventId,
                event,
                toolId,
                childToolId,
                toolName,
                null,
                parentToolId,
                category,
                usageId,
                reservationId,
                null,
                userName,
                operatorName,
                startTime,
                endTime,
                delayedLogoffUntil,
                note);
    }

    public ToolEvent withIdentity(UUID id, long seq, OffsetDateTime timestamp) {
        return new ToolEvent(
                id,
                seq,
                event,
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
                startTime,
                endTime,
                delayedLogoffUntil,
                note,
                timestamp);
    }

    /**
     * SHA-256 (hex) of what was reported, times as instants, without the event_id: two requests with
     * one event_id are the same event exactly when these agree (a retry), else the second is refused.
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

    private static Object instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
