package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.event.ToolEventDraft;
import nemo.mqtt.emitter.nemo.NemoEventIds;

/**
 * {@code "NEMO_task"} rows (problems) as task_created / task_updated / task_resolved with the
 * problem's own text. A task is open while neither resolved nor cancelled; a cancelled or deleted
 * open task is resolved too. An update is NEMO's {@code last_updated} moving on (the task form's
 * "update"); NEMO's other saves of the row change nothing reported.
 */
final class TaskChanges {

    private TaskChanges() {}

    static Uni<List<ToolEventDraft>> apply(CaptureView view, NemoChange change) {
        return view.find(CapturedTask.class, change.id()).chain(known -> {
            if (change.op() == NemoChange.Op.DELETE) {
                if (known == null) {
                    return Uni.createFrom().item(List.of());
                }
                boolean wasOpen = known.open;
                return view.delete(known)
                        .chain(() -> wasOpen
                                ? resolved(view, known)
                                : Uni.createFrom().item(List.of()));
            }
            return written(view, change, known);
        });
    }

    private static Uni<List<ToolEventDraft>> written(CaptureView view, NemoChange change, CapturedTask known) {
        boolean open = !change.flag("resolved") && !change.flag("cancelled");
        OffsetDateTime lastUpdated = change.time("last_updated");
        CapturedTask task = known != null ? known : new CapturedTask();
        boolean wasOpen = known != null && known.open;
        boolean updated =
                known != null && open && wasOpen && lastUpdated != null && !lastUpdated.equals(known.lastUpdated);
        task.taskId = change.id();
        task.toolId = change.number("tool_id");
        task.open = open;
        task.forceShutdown = change.flag("force_shutdown");
        task.lastUpdated = lastUpdated;
        if (!change.unavailable("problem_description")) {
            task.description = change.text("problem_description");
        }
        task.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        Uni<Void> saved = known == null
                ? view.persist(task).replaceWithVoid()
                : Uni.createFrom().voidItem();
        if (open && !wasOpen && (known == null)) {
            return saved.chain(
                    () -> event(view, task, NemoEventIds.of("task", task.taskId, "created"), EventType.TASK_CREATED));
        }
        if (!open && (wasOpen || (known == null && change.op() == NemoChange.Op.UPDATE))) {
            // closed, or a task opened before the capture began closes now
            return saved.chain(() -> resolved(view, task));
        }
        if (updated) {
            return saved.chain(() -> event(
                    view,
                    task,
                    NemoEventIds.of("task", task.taskId, "updated:" + NemoEventIds.part(lastUpdated.toInstant())),
                    EventType.TASK_UPDATED));
        }
        return saved.replaceWith(List.of());
    }

    private static Uni<List<ToolEventDraft>> resolved(CaptureView view, CapturedTask task) {
        return event(view, task, NemoEventIds.of("task", task.taskId, "resolved"), EventType.TASK_RESOLVED);
    }

    private static Uni<List<ToolEventDraft>> event(CaptureView view, CapturedTask task, UUID id, EventType type) {
        return Target.of(view, task.toolId)
                .map(target -> List.of(target.draft(
                        id,
                        type,
                        Target.What.task(task.taskId, type == EventType.TASK_RESOLVED ? null : task.description))));
    }
}
