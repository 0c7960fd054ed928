package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.smallrye.mutiny.Uni;

import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.event.ToolEventDraft;
import nemo.mqtt.emitter.nemo.NemoEventIds;

/**
 * {@code "NEMO_tool"} and {@code "NEMO_user"} rows. A tool's name, category or parent changing (or a
 * new tool) is a tool_updated; its {@code operational} column turning false/true is
 * tool_non_operational / tool_operational, caused by the open shutdown task when there is one
 * (its text is the note), else by the commit's instant. A child tool reports nothing of its own
 * (NEMO shows the parent's state); its name is kept for the parent's events. Users only keep names.
 */
final class ToolChanges {

    private ToolChanges() {}

    static Uni<List<ToolEventDraft>> apply(CaptureView view, NemoChange change) {
        return view.find(CapturedTool.class, change.id()).chain(known -> {
            if (change.op() == NemoChange.Op.DELETE) {
                return (known == null ? Uni.createFrom().voidItem() : view.delete(known)).replaceWith(List.of());
            }
            return written(view, change, known);
        });
    }

    private static Uni<List<ToolEventDraft>> written(CaptureView view, NemoChange change, CapturedTool known) {
        CapturedTool tool = known != null ? known : new CapturedTool();
        String name = change.text("name");
        Long parent = change.optionalNumber("parent_tool_id");
        String category = change.text("category");
        boolean operational = change.flag("operational");
        boolean updated = known == null
                || !Objects.equals(known.name, name)
                || !Objects.equals(known.parentToolId, parent)
                || !Objects.equals(known.category, category);
        boolean operationalChanged = known != null ? known.operational != operational : !operational;
        tool.toolId = change.id();
        tool.name = name;
        tool.parentToolId = parent;
        tool.category = category;
        tool.operational = operational;
        tool.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        Uni<Void> saved = known == null
                ? view.persist(tool).replaceWithVoid()
                : Uni.createFrom().voidItem();
        if (parent != null || (!updated && !operationalChanged)) {
            return saved.replaceWith(List.of());
        }
        List<ToolEventDraft> drafts = new ArrayList<>();
        Target target = new Target(tool.toolId, name, null, null);
        if (updated) {
            drafts.add(ToolEventDraft.ofTool(
                    NemoEventIds.of("tool", tool.toolId, NemoEventIds.toolUpdated(name, category)),
                    EventType.TOOL_UPDATED,
                    tool.toolId,
                    name,
                    category));
        }
        if (!operationalChanged) {
            return saved.replaceWith(drafts);
        }
        if (operational) {
            String cause = tool.shutdownCause != null ? tool.shutdownCause : NemoEventIds.part(change.committedAt());
            tool.shutdownCause = null;
            drafts.add(target.draft(
                    NemoEventIds.of("tool", tool.toolId, "operational:true:" + cause),
                    EventType.TOOL_OPERATIONAL,
                    new Target.What()));
            return saved.replaceWith(drafts);
        }
        return saved.chain(() -> view.firstShutdownTask(tool.toolId)).map(task -> {
            tool.shutdownCause = NemoEventIds.shutdownCause(task != null ? task.taskId : null, change.committedAt());
            String note = task != null && task.description != null ? task.description : "shut down in NEMO";
            drafts.add(target.draft(
                    NemoEventIds.of("tool", tool.toolId, "operational:false:" + tool.shutdownCause),
                    EventType.TOOL_NON_OPERATIONAL,
                    Target.What.note(note)));
            return drafts;
        });
    }

    /** A user's name for the events that name them: "First Last", else the username. */
    static Uni<List<ToolEventDraft>> user(CaptureView view, NemoChange change) {
        return view.find(CapturedUser.class, change.id()).chain(known -> {
            if (change.op() == NemoChange.Op.DELETE) {
                return (known == null ? Uni.createFrom().voidItem() : view.delete(known)).replaceWith(List.of());
            }
            CapturedUser user = known != null ? known : new CapturedUser();
            user.userId = change.id();
            user.name = displayName(change.text("first_name"), change.text("last_name"), change.text("username"));
            user.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return (known == null
                            ? view.persist(user).replaceWithVoid()
                            : Uni.createFrom().voidItem())
                    .replaceWith(List.of());
        });
    }

    /** NEMO's short display name: first and last name, else the username. */
    static String displayName(String first, String last, String username) {
        String full = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        return full.isEmpty() ? String.valueOf(username) : full;
    }
}
