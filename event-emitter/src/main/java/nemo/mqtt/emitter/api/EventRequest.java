package nemo.mqtt.emitter.api;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.event.ToolEventDraft;

/** One event in the body of {@code POST /api/v1/events}, snake_case as on the wire. */
public record EventRequest(
        UUID eventId,
        @NotNull EventType event,
        @NotNull @Positive Long toolId,
        @Size(max = 200) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String toolName,
        @Positive Long parentToolId,
        @Size(max = 200) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String category,
        @Positive Long usageId,
        @Positive Long reservationId,
        @Size(max = 200) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String userName,
        @Size(max = 200) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String operatorName,
        OffsetDateTime startTime,
        OffsetDateTime endTime,
        OffsetDateTime delayedLogoffUntil,
        @Size(max = 2000) @Pattern(regexp = NO_NUL, message = NUL_MESSAGE) String note) {

    static final String NO_NUL = "[^\\u0000]*";
    static final String NUL_MESSAGE = "must not contain NUL";

    /** Rules across fields, beyond what each field's own annotations say. Null when the event is consistent. */
    Problem.FieldError inconsistency(String path) {
        if (event != null && event.isReservation() && reservationId == null) {
            return new Problem.FieldError(path + "reservation_id", "is required for " + event.wireName());
        }
        if (startTime != null && endTime != null && endTime.isBefore(startTime)) {
            return new Problem.FieldError(path + "end_time", "is before start_time");
        }
        return null;
    }

    /**
     * A child tool's event reports under its parent when the source names the parent (NEMO shows a
     * parent and its children as one tool); tool_updated is about the child itself.
     */
    ToolEventDraft toDraft() {
        boolean underParent = parentToolId != null && event != EventType.TOOL_UPDATED;
        return new ToolEventDraft(eventId, event, underParent ? parentToolId : toolId, underParent ? toolId : null,
                toolName, underParent ? null : parentToolId, category, usageId, reservationId, userName, operatorName,
                startTime, endTime, delayedLogoffUntil, note);
    }
}
