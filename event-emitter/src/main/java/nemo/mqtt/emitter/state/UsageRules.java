package nemo.mqtt.emitter.state;

import java.time.OffsetDateTime;

import nemo.mqtt.emitter.event.ToolEventDraft;

/**
 * Starts and ends of usages, applied as what they say happened, not in arrival order. One usage
 * runs at a time on a tool, and NEMO numbers usages in the order they start, so of two usages the
 * one with the smaller usage_id happened first; without both ids, the reported start_time/end_time
 * decide. Late, and so changing no state: a start of a usage that already ended, a start of a usage
 * older than the running one or than the one that ended last, an end of a usage older than the
 * running one or than the one that ended last. A late event is stored and published as an event by
 * the caller all the same; the status's {@code warning} says it was late.
 */
final class UsageRules {

    private UsageRules() {}

    /** Applies a tool_enabled that arrived at {@code arrived}; answers when it happened, or null when it was late and changed nothing. */
    static OffsetDateTime start(ToolState s, ToolEventDraft e, OffsetDateTime arrived) {
        OffsetDateTime start = e.startTime() != null ? e.startTime() : arrived;
        Long usage = e.usageId();
        if (usage != null && usage.equals(s.lastUsageId)) {
            return late(s, "tool_enabled of usage " + usage + " arrived after its tool_disabled");
        }
        boolean sameUsage = s.inUse && usage != null && usage.equals(s.usageId);
        if (s.inUse && !sameUsage && before(usage, e.startTime(), s.usageId, s.inUseSince)) {
            return late(s, "tool_enabled" + of(usage) + " is older than the running usage" + of(s.usageId));
        }
        if (!s.inUse && before(usage, e.startTime(), s.lastUsageId, s.lastUsedUntil)) {
            return late(s, "tool_enabled" + of(usage) + " is older than the usage that ended last");
        }
        s.inUse = true;
        s.usageId = usage;
        s.userName = e.userName();
        s.operatorName = e.operatorName();
        s.inUseSince = start;
        s.delayedLogoffUntil = null;
        s.warning = null;
        return start;
    }

    /** Applies a tool_disabled that arrived at {@code arrived}; answers when it happened, or null when it was late and changed nothing. */
    static OffsetDateTime end(ToolState s, ToolEventDraft e, OffsetDateTime arrived) {
        OffsetDateTime end = e.endTime() != null ? e.endTime() : arrived;
        Long usage = e.usageId();
        if (s.inUse) {
            boolean sameUsage = usage != null && usage.equals(s.usageId);
            if (!sameUsage && before(usage, e.endTime(), s.usageId, s.inUseSince)) {
                return late(s, "tool_disabled" + of(usage) + " is older than the running usage" + of(s.usageId));
            }
            // the running usage's end, or the end of a newer one (so the running one ended too)
            ended(s, usage != null ? usage : s.usageId, sameUsage || usage == null ? s.userName : e.userName(), end);
            s.warning = null;
        } else {
            if (usage != null && usage.equals(s.lastUsageId)) {
                return null; // the same end again (another source, a retry with a new id): nothing new
            }
            if (before(usage, e.endTime(), s.lastUsageId, s.lastUsedUntil)) {
                return late(s, "tool_disabled" + of(usage) + " is older than the usage that ended last");
            }
            // An end without a start is kept, not refused: the source is the authority on what
            // happened, and the tool is idle now either way.
            ended(s, usage, e.userName(), end);
            s.warning = StatePolicy.DISABLED_WITHOUT_USAGE;
        }
        s.inUse = false;
        s.usageId = null;
        s.userName = null;
        s.operatorName = null;
        s.inUseSince = null;
        s.delayedLogoffUntil = e.delayedLogoffUntil();
        // a delayed logoff's end lies ahead: the tool has been blocked since the disable arrived
        return end.isAfter(arrived) ? arrived : end;
    }

    /**
     * Whether the usage {@code usage} (reported at {@code time}, null when the source gave none)
     * happened before {@code other} (at {@code otherTime}): by usage_id when both are known, else by time.
     */
    private static boolean before(Long usage, OffsetDateTime time, Long other, OffsetDateTime otherTime) {
        if (usage != null && other != null) {
            return usage < other;
        }
        return time != null && otherTime != null && time.isBefore(otherTime);
    }

    private static void ended(ToolState s, Long usage, String user, OffsetDateTime end) {
        s.lastUsageId = usage;
        s.lastUserName = user;
        s.lastUsedUntil = end;
    }

    private static OffsetDateTime late(ToolState s, String what) {
        s.warning = what + ": state unchanged";
        return null;
    }

    private static String of(Long usage) {
        return usage == null ? "" : " of usage " + usage;
    }
}
