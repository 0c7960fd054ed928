package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.event.ToolEventDraft;

/**
 * The tool an event of a NEMO row goes to, with the names it carries: a child tool's row goes to
 * its parent, naming the child (NEMO shows a child's usage, problems and outages on the parent).
 */
record Target(long toolId, String toolName, Long childToolId, String childToolName) {

    /** The target of NEMO's {@code tool_id}, from the captured tools (names null while unknown). */
    static Uni<Target> of(CaptureView view, long nemoToolId) {
        return view.find(CapturedTool.class, nemoToolId).chain(tool -> {
            if (tool == null) {
                return Uni.createFrom().item(new Target(nemoToolId, null, null, null));
            }
            if (tool.parentToolId == null) {
                return Uni.createFrom().item(new Target(tool.toolId, tool.name, null, null));
            }
            return view.find(CapturedTool.class, tool.parentToolId)
                    .map(parent ->
                            new Target(tool.parentToolId, parent != null ? parent.name : null, tool.toolId, tool.name));
        });
    }

    /** A user's display name as captured, or null for no user or one not seen yet. */
    static Uni<String> userName(CaptureView view, Long userId) {
        if (userId == null || userId == 0) {
            return Uni.createFrom().nullItem();
        }
        return view.find(CapturedUser.class, userId).map(user -> user != null ? user.name : null);
    }

    /** An event for this target; {@code what} carries the row ids, people, times and note. */
    ToolEventDraft draft(UUID eventId, EventType type, What what) {
        return new ToolEventDraft(
                eventId,
                type,
                toolId,
                childToolId,
                toolName,
                childToolName,
                null,
                null,
                what.usageId,
                what.reservationId,
                what.taskId,
                what.userName,
                what.operatorName,
                what.start,
                what.end,
                what.delayedLogoffUntil,
                what.note);
    }

    /** The fields of an event besides its tool (a small builder: most events set two or three). */
    static final class What {
        Long usageId;
        Long reservationId;
        Long taskId;
        String userName;
        String operatorName;
        OffsetDateTime start;
        OffsetDateTime end;
        OffsetDateTime delayedLogoffUntil;
        String note;

        static What usage(long id) {
            What what = new What();
            what.usageId = id;
            return what;
        }

        static What task(long id, String note) {
            What what = new What();
            what.taskId = id;
            what.note = note;
            return what;
        }

        static What reservation(long id) {
            What what = new What();
            what.reservationId = id;
            return what;
        }

        static What note(String note) {
            What what = new What();
            what.note = note;
            return what;
        }
    }
}
