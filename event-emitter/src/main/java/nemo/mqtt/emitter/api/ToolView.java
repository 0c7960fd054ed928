package nemo.mqtt.emitter.api;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import nemo.mqtt.emitter.state.ToolState;

/** A tool's current state as the API shows it (the same facts as its retained status message). */
@Schema(name = "Tool", description = "Absent fields are unknown or do not apply")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolView(
        @Schema(required = true, minimum = "1", format = "int64")
        long toolId,

        String toolName,
        Long parentToolId,
        String category,

        @Schema(
                required = true,
                enumeration = {"shutdown", "outage", "problem", "in_use", "delayed_logoff", "idle"})
        String state,

        @Schema(required = true) OffsetDateTime since,
        @Schema(required = true) boolean inUse,
        Long usageId,
        String userName,
        String operatorName,

        @Schema(description = "Who used the tool last (the usage that ended last)")
        String lastUserName,

        @Schema(description = "When that usage ended") OffsetDateTime lastUsedUntil,
        OffsetDateTime delayedLogoffUntil,
        @Schema(required = true, minimum = "0") int openProblems,
        String problem,
        String shutdownNote,
        String outageNote,
        String warning,
        NextReservation nextReservation,

        @Schema(required = true, minimum = "1", format = "int64")
        long lastSeq,

        @Schema(required = true) OffsetDateTime updatedAt) {

    @Schema(name = "NextReservation")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NextReservation(
            @Schema(required = true, minimum = "1", format = "int64")
            long reservationId,

            String userName,
            OffsetDateTime startTime,
            OffsetDateTime endTime) {}

    static ToolView of(ToolState s) {
        NextReservation next = s.nextReservationId == null
                ? null
                : new NextReservation(
                        s.nextReservationId, s.nextReservationUser, s.nextReservationStart, s.nextReservationEnd);
        return new ToolView(
                s.toolId,
                s.toolName,
                s.parentToolId,
                s.category,
                s.state,
                s.stateSince,
                s.inUse,
                s.usageId,
                s.userName,
                s.operatorName,
                s.lastUserName,
                s.lastUsedUntil,
                s.delayedLogoffUntil,
                s.openProblems,
                s.problemNote,
                s.shutdownNote,
                s.outageNote,
                s.warning,
                next,
                s.lastSeq,
                s.updatedAt);
    }
}
