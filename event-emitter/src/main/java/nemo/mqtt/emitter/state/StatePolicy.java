package nemo.mqtt.emitter.state;

import java.time.OffsetDateTime;

import nemo.mqtt.emitter.event.ToolEvent;

/**
 * How an event changes a tool's state, and which single condition the tool shows: shutdown >
 * outage > problem > in use > delayed logoff > idle (NEMO's priority). State follows what the
 * events say happened, not the order they arrive in (DESIGN.md): see {@link UsageRules} and
 * {@link TaskRules} for what counts as late.
 */
public final class StatePolicy {

    static final String DISABLED_WITHOUT_USAGE = "tool_disabled received while no usage was running";

    private StatePolicy() {}

    /**
     * Applies {@code event} to {@code state}; answers whether anything the status shows changed
     * ({@link ToolStatusFields}, so the answer and the published status always agree).
     */
    public static boolean apply(ToolState state, ToolEvent event) {
        String before = ToolStatusFields.fingerprint(state);
        OffsetDateTime at = event.timestamp();
        if (event.toolName() != null) {
            state.toolName = event.toolName();
        }
        // when what the event reports happened; null when it changed nothing (late)
        OffsetDateTime happened = at;
        boolean usageEnded = false;
        switch (event.event()) {
            case TOOL_ENABLED -> happened = UsageRules.start(state, event.reported(), at);
            case TOOL_DISABLED -> {
                happened = UsageRules.end(state, event.reported(), at);
                usageEnded = happened != null;
            }
            case TOOL_NON_OPERATIONAL -> {
                state.shutdown = true;
                state.shutdownNote = event.reported().note();
            }
            case TOOL_OPERATIONAL -> {
                state.shutdown = false;
                state.shutdownNote = null;
            }
            case TASK_CREATED -> TaskRules.created(state, event.reported());
            case TASK_UPDATED -> TaskRules.updated(state, event.reported());
            case TASK_RESOLVED -> TaskRules.resolved(state, event.reported());
            case OUTAGE_STARTED -> {
                state.outage = true;
                state.outageNote = event.reported().note();
            }
            case OUTAGE_ENDED -> {
                state.outage = false;
                state.outageNote = null;
            }
            case TOOL_UPDATED -> {
                if (event.reported().parentToolId() != null) {
                    state.parentToolId = event.reported().parentToolId();
                }
                if (event.reported().category() != null) {
                    state.category = event.reported().category();
                }
            }
            case RESERVATION_CREATED, RESERVATION_UPDATED, RESERVATION_CANCELLED -> {
                // reservations have their own topic; they do not change what the tool shows
            }
        }
        ToolCondition condition = conditionOf(state, at);
        boolean conditionChanged = !condition.wireName().equals(state.state);
        state.state = condition.wireName();
        if (condition == ToolCondition.IN_USE) {
            state.stateSince = state.inUseSince;
        } else if (conditionChanged
                || (usageEnded && (condition == ToolCondition.IDLE || condition == ToolCondition.DELAYED_LOGOFF))) {
            // an ended usage's end_time, not its arrival, is when the tool became free
            state.stateSince = happened != null ? happened : at;
        }
        state.lastSeq = event.seq();
        state.updatedAt = at;
        return !before.equals(ToolStatusFields.fingerprint(state));
    }

    public static ToolCondition conditionOf(ToolState state, OffsetDateTime now) {
        if (state.shutdown) {
            return ToolCondition.SHUTDOWN;
        }
        if (state.outage) {
            return ToolCondition.OUTAGE;
        }
        if (state.openProblems > 0) {
            return ToolCondition.PROBLEM;
        }
        if (state.inUse) {
            return ToolCondition.IN_USE;
        }
        if (state.delayedLogoffUntil != null && state.delayedLogoffUntil.isAfter(now)) {
            return ToolCondition.DELAYED_LOGOFF;
        }
        return ToolCondition.IDLE;
    }
}
