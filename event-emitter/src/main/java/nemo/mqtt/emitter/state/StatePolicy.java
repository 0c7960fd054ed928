package nemo.mqtt.emitter.state;

import java.time.OffsetDateTime;

import nemo.mqtt.emitter.event.ToolEvent;

/**
 * How an event changes a tool's state, and which single condition the tool shows: shutdown >
 * outage > problem > in use > delayed logoff > idle (NEMO's priority).
 */
public final class StatePolicy {

    static final String DISABLED_WITHOUT_USAGE = "tool_disabled received while no usage was running";

    private StatePolicy() {
    }

    /** Applies {@code event} to {@code state}; answers whether anything a display shows changed. */
    public static boolean apply(ToolState state, ToolEvent event) {
        String before = fingerprint(state);
        OffsetDateTime at = event.timestamp();
        if (event.toolName() != null) {
            state.toolName = event.toolName();
        }
        switch (event.event()) {
            case TOOL_ENABLED -> {
                state.inUse = true;
                state.usageId = event.usageId();
                state.userName = event.userName();
                state.operatorName = event.operatorName();
                state.inUseSince = event.startTime() != null ? event.startTime() : at;
                state.delayedLogoffUntil = null;
                state.warning = null;
            }
            case TOOL_DISABLED -> {
                // An end without a start is kept and shown as a warning, not refused: the source is the
                // authority on what happened, and the tool is idle now either way.
                state.warning = state.inUse ? null : DISABLED_WITHOUT_USAGE;
                state.inUse = false;
                state.usageId = null;
                state.userName = null;
                state.operatorName = null;
                state.inUseSince = null;
                state.delayedLogoffUntil = event.delayedLogoffUntil();
            }
            case TOOL_NON_OPERATIONAL -> {
                state.shutdown = true;
                state.shutdownNote = event.note();
            }
            case TOOL_OPERATIONAL -> {
                state.shutdown = false;
                state.shutdownNote = null;
            }
            case TASK_CREATED -> {
                state.openProblems++;
                state.problemNote = event.note();
            }
            case TASK_UPDATED -> {
                if (event.note() != null) {
                    state.problemNote = event.note();
                }
            }
            case TASK_RESOLVED -> {
                state.openProblems = Math.max(0, state.openProblems - 1);
                if (state.openProblems == 0) {
                    state.problemNote = null;
                }
            }
            case OUTAGE_STARTED -> {
                state.outage = true;
                state.outageNote = event.note();
            }
            case OUTAGE_ENDED -> {
                state.outage = false;
                state.outageNote = null;
            }
            case TOOL_UPDATED -> {
                if (event.parentToolId() != null) {
                    state.parentToolId = event.parentToolId();
                }
                if (event.category() != null) {
                    state.category = event.category();
                }
            }
            case RESERVATION_CREATED, RESERVATION_UPDATED, RESERVATION_CANCELLED -> {
                // reservations have their own topic; they do not change what the tool shows
            }
        }
        String condition = conditionOf(state, at).wireName();
        if (!condition.equals(state.state)) {
            state.state = condition;
            state.stateSince = switch (condition) {
                case "in_use" -> state.inUseSince;
                default -> at;
            };
        }
        state.lastSeq = event.seq();
        state.updatedAt = at;
        return !before.equals(fingerprint(state));
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

    /** Everything the status message shows, to tell whether an event changed it. */
    private static String fingerprint(ToolState s) {
        return String.join("|", String.valueOf(s.toolName), String.valueOf(s.parentToolId), String.valueOf(s.category),
                String.valueOf(s.inUse), String.valueOf(s.usageId), String.valueOf(s.userName),
                String.valueOf(s.operatorName), String.valueOf(s.inUseSince), String.valueOf(s.delayedLogoffUntil),
                String.valueOf(s.shutdown), String.valueOf(s.shutdownNote), String.valueOf(s.outage),
                String.valueOf(s.outageNote), String.valueOf(s.openProblems), String.valueOf(s.problemNote),
                String.valueOf(s.warning), String.valueOf(s.state));
    }
}
