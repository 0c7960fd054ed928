package nemo.mqtt.emitter.api;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.event.ToolEventDraft;

/** The body of {@code POST /api/v1/events}, snake_case as on the wire. */
public record EventRequest(
        UUID eventId,
        @NotNull EventType event,
        @NotNull @Positive Long toolId,
        @Size(max = 200) String toolName,
        @Positive Long usageId,
        @Size(max = 200) String userName,
        @Size(max = 200) String operatorName,
        OffsetDateTime startTime,
        OffsetDateTime endTime,
        @Size(max = 2000) String note) {

    ToolEventDraft toDraft() {
        return new ToolEventDraft(eventId, event, toolId, toolName, usageId, userName, operatorName, startTime,
                endTime, note);
    }
}
