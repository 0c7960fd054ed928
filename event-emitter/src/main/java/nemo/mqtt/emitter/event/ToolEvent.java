package nemo.mqtt.emitter.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An accepted event: what a source reported, with the identity and order the emitter gave it. For a
 * child tool's event, {@code toolId} is the parent and {@code childToolId}/{@code childToolName} the
 * child; {@code toolName} is always the name of {@code toolId}.
 */
public record ToolEvent(
        UUID eventId,
        long seq,
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
        String note,
        OffsetDateTime timestamp) {

    /**
     * An event the emitter causes itself for tool {@code toolId} named {@code toolName} (a republish, a
     * change time alone made): type {@code type}, a new id, seq {@code seq}, nothing a source reported.
     */
    public static ToolEvent cause(EventType type, long toolId, String toolName, long seq, OffsetDateTime timestamp) {
        return ToolEventDraft.ofTool(null, type, toolId, toolName, null)
                .withIdentity(UUID.randomUUID(), seq, timestamp);
    }

    /** This event naming its tool {@code name} (the emitter knows it from an earlier event when the source left it out). */
    public ToolEvent withToolName(String name) {
        return new ToolEvent(
                eventId,
                seq,
                event,
                toolId,
                childToolId,
                name,
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
}
