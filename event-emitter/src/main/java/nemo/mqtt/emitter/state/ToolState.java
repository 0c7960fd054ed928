package nemo.mqtt.emitter.state;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A tool's current state, as its events left it. */
@Entity
@Table(name = "tool_state")
public class ToolState extends PanacheEntityBase {

    @Id
    @Column(name = "tool_id")
    public long toolId;

    @Column(name = "tool_name")
    public String toolName;

    @Column(name = "parent_tool_id")
    public Long parentToolId;

    public String category;

    @Column(name = "in_use", nullable = false)
    public boolean inUse;

    @Column(name = "usage_id")
    public Long usageId;

    @Column(name = "user_name")
    public String userName;

    @Column(name = "operator_name")
    public String operatorName;

    @Column(name = "in_use_since")
    public OffsetDateTime inUseSince;

    @Column(name = "delayed_logoff_until")
    public OffsetDateTime delayedLogoffUntil;

    @Column(nullable = false)
    public boolean shutdown;

    @Column(name = "shutdown_note")
    public String shutdownNote;

    @Column(nullable = false)
    public boolean outage;

    @Column(name = "outage_note")
    public String outageNote;

    @Column(name = "open_problems", nullable = false)
    public int openProblems;

    @Column(name = "problem_note")
    public String problemNote;

    /** The usage that ended last (its id, who, when it ended): late events of it change nothing; idle statuses show it. */
    @Column(name = "last_usage_id")
    public Long lastUsageId;

    @Column(name = "last_user_name")
    public String lastUserName;

    @Column(name = "last_used_until")
    public OffsetDateTime lastUsedUntil;

    /** Open problems that came with a task_id, and the most recently resolved ones (comma-separated ids, see TaskRules). */
    @Column(name = "open_task_ids")
    public String openTaskIds;

    @Column(name = "resolved_task_ids")
    public String resolvedTaskIds;

    /** Something odd the source reported, kept visible rather than refused (e.g. an end without a start). */
    public String warning;

    @Column(name = "next_reservation_id")
    public Long nextReservationId;

    @Column(name = "next_reservation_user")
    public String nextReservationUser;

    @Column(name = "next_reservation_start")
    public OffsetDateTime nextReservationStart;

    @Column(name = "next_reservation_end")
    public OffsetDateTime nextReservationEnd;

    @Column(nullable = false)
    public String state;

    @Column(name = "state_since", nullable = false)
    public OffsetDateTime stateSince;

    @Column(name = "last_seq", nullable = false)
    public long lastSeq;

    @Column(name = "updated_at", nullable = false)
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

    public static ToolState idle(long toolId, OffsetDateTime at) {
        ToolState state = new ToolState();
        state.toolId = toolId;
        state.state = ToolCondition.IDLE.wireName();
        state.stateSince = at;
        state.updatedAt = at;
        return state;
    }
}
