package nemo.mqtt.emitter.api;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.event.ToolEventDraft;

/**
 * One event in the body of {@code POST /api/v1/events}, snake_case as on the wire. The JSON type of
 * each field is checked first, strictly ({@link EventShape}): integers are JSON integers, times
 * RFC 3339 strings, event_id a UUID string when present.
 */
@Schema(name = "EventRequest", description = "One tool event, as a lab backend reports it")
public record EventRequest(
        @Schema(
                format = "uuid",
                description =
                        "Client-chosen id for de-duplication; a retry with the same id and "
                                + "event answers the first result, the same id with another event is refused (422). Left out: the server chooses one.")
        UUID eventId,

        @Schema(
                required = true,
                implementation = String.class,
                enumeration = {
                    "tool_enabled",
                    "tool_disabled",
                    "tool_operational",
                    "tool_non_operational",
                    "task_created",
                    "task_updated",
                    "task_resolved",
                    "outage_started",
                    "outage_ended",
                    "reservation_created",
                    "reservation_updated",
                    "reservation_cancelled",
                    "tool_updated"
                },
                description = "NEMO's word for what happened")
        @NotNull
        EventType event,

        @Schema(required = true, minimum = "1", format = "int64") @NotNull @Positive
        Long toolId,

        @Schema(maxLength = 200) @Size(max = 200) @Pattern(regexp = TEXT, message = TEXT_MESSAGE)
        String toolName,

        @Schema(minimum = "1", format = "int64", description = "The tool's parent: the event is reported under it")
        @Positive
        Long parentToolId,

        @Schema(maxLength = 200) @Size(max = 200) @Pattern(regexp = TEXT, message = TEXT_MESSAGE)
        String category,

        @Schema(minimum = "1", format = "int64") @Positive Long usageId,

        @Schema(minimum = "1", format = "int64", description = "Required for reservation events") @Positive
        Long reservationId,

        @Schema(
                minimum = "1",
                format = "int64",
                description = "NEMO's task id of a task event: a task_resolved that "
                        + "overtakes its task_created then leaves no problem behind")
        @Positive
        Long taskId,

        @Schema(maxLength = 200) @Size(max = 200) @Pattern(regexp = TEXT, message = TEXT_MESSAGE)
        String userName,

        @Schema(maxLength = 200) @Size(max = 200) @Pattern(regexp = TEXT, message = TEXT_MESSAGE)
        String operatorName,

        @Schema(format = "date-time", description = "RFC 3339, year 1 to 9999")
        OffsetDateTime startTime,

        @Schema(format = "date-time", description = "RFC 3339, year 1 to 9999")
        OffsetDateTime endTime,

        @Schema(format = "date-time", description = "RFC 3339, year 1 to 9999")
        OffsetDateTime delayedLogoffUntil,

        @Schema(maxLength = 2000) @Size(max = 2000) @Pattern(regexp = TEXT, message = TEXT_MESSAGE)
        String note) {

    /** Text PostgreSQL stores as sent: no NUL, no unpaired UTF-16 surrogate (it would become "?"). */
    static final String TEXT = "[^\\x{0}\\x{D800}-\\x{DFFF}]*";

    static final String TEXT_MESSAGE = "must not contain NUL or an unpaired surrogate";

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
     * parent and its children as one tool), with the child's id and name as child_tool_id and
     * child_tool_name, so the parent keeps its own name; tool_updated is about the child itself.
     */
    ToolEventDraft toDraft() {
        boolean underParent = parentToolId != null && event != EventType.TOOL_UPDATED;
        return new ToolEventDraft(
                eventId,
                event,
                underParent ? parentToolId : toolId,
                underParent ? toolId : null,
                underParent ? null : toolName,
                underParent ? toolName : null,
                underParent ? null : parentToolId,
                category,
                usageId,
                reservationId,
                taskId,
                userName,
                operatorName,
                startTime,
                endTime,
                delayedLogoffUntil,
                note);
    }
}
