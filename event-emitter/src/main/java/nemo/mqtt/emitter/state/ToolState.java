package nemo.mqtt.emitter.state;

import java.time.OffsetDateTime;

/** A tool's current state, as its events left it (a row of tool_state, ToolStateRows). */
public class ToolState implements Cloneable {

    public long toolId;

    public String toolName;

    public Long parentToolId;

    public String category;

    public boolean inUse;

    public Long usageId;

    public String userName;

    public String operatorName;

    public OffsetDateTime inUseSince;

    public OffsetDateTime delayedLogoffUntil;

    public boolean shutdown;

    public String shutdownNote;

    public boolean outage;

    public String outageNote;

    public int openProblems;

    public String problemNote;

    /** The usage that ended last (its id, who, when it ended): late events of it change nothing; idle statuses show it. */
    public Long lastUsageId;

    public String lastUserName;

    public OffsetDateTime lastUsedUntil;

    /** Open problems that came with a task_id, and the most recently resolved ones (comma-separated ids, see TaskRules). */
    public String openTaskIds;

    public String resolvedTaskIds;

    /** Something odd the source reported, kept visible rather than refused (e.g. an end without a start). */
    public String warning;

    public Long nextReservationId;

    public String nextReservationUser;

    public OffsetDateTime nextReservationStart;

    public OffsetDateTime nextReservationEnd;

    public String state;

    public OffsetDateTime stateSince;

    public long lastSeq;

    public OffsetDateTime updatedAt;

    /** Records {@code next} as the tool's next reservation; answers whether that changed what was published. */
    public boolean nextReservation(Reservation next) {
        Long id = next == null ? null : next.reservationId;
        String user = next == null ? null : next.userName;
        OffsetDateTime start = next == null ? null : next.startTime;
        OffsetDateTime end = next == null ? null : next.endTime;
        boolean changed = !java.util.Objects.equals(id, nextReservationId)
                || !java.util.Objects.equals(user, nextReservationUser)
                || !java.util.Objects.equals(start, nextReservationStart)
                || !java.util.Objects.equals(end, nextReservationEnd);
        nextReservationId = id;
        nextReservationUser = user;
        nextReservationStart = start;
        nextReservationEnd = end;
        return changed;
    }

    /** A copy to change without changing this one (every field is immutable or primitive, so a shallow copy). */
    public ToolState copy() {
        try {
            return (ToolState) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    public static ToolState idle(long toolId, OffsetDateTime at) {
        ToolState state = new ToolState();
        state.toolId = toolId;
        state.state = ToolCondition.IDLE.wireName();
        state.stateSince = at;
        state.updatedAt = at;
        return state;
    }
}
