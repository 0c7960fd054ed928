package nemo.mqtt.emitter.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A validated event as a source reported it, before the emitter gives it its seq and timestamp.
 * An event of a child tool is kept under its parent ({@code toolId}), naming the child.
 */
public record ToolEventDraft(
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

    public ToolEvent withIdentity(UUID id, long seq, OffsetDateTime timestamp) {
        return new ToolEvent(id, seq, event, toolId, childToolId, toolName, parentToolId, category, usageId, reservationId,
                userName, operatorName, startTime, endTime, delayedLogoffUntil, note, timestamp);
    }
}
