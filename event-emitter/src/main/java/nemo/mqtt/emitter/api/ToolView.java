package nemo.mqtt.emitter.api;

import java.time.OffsetDateTime;

import nemo.mqtt.emitter.state.ToolState;

/** A tool's current state as the API shows it (the same facts as its retained status message). */
public record ToolView(
        long toolId,
        String toolName,
        Long parentToolId,
        String category,
        String state,
        OffsetDateTime since,
        boolean inUse,
        Long usageId,
        String userName,
        String operatorName,
        OffsetDateTime delayedLogoffUntil,
        int openProblems,
        String problem,
        String shutdownNote,
        String outageNote,
        String warning,
        NextReservation nextReservation,
        long lastSeq,
        OffsetDateTime updatedAt) {

    public record NextReservation(long reservationId, String userName, OffsetDateTime startTime,
            OffsetDateTime endTime) {
    }

    static ToolView of(ToolState s) {
        NextReservation next = s.nextReservationId == null ? null
                : new NextReservation(s.nextReservationId, s.nextReservationUser, s.nextReservationStart,
                        s.nextReservationEnd);
        return new ToolView(s.toolId, s.toolName, s.parentToolId, s.category, s.state, s.stateSince, s.inUse,
                s.usageId, s.userName, s.operatorName, s.delayedLogoffUntil, s.openProblems, s.problemNote,
                s.shutdownNote, s.outageNote, s.warning, next, s.lastSeq, s.updatedAt);
    }
}
