package nemo.mqtt.emitter.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An accepted event: what a source reported, with the identity and order the emitter gave it. */
public record ToolEvent(
        UUID eventId,
        long seq,
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
        String note,
        OffsetDateTime timestamp) {
}
