package nemo.mqtt.emitter.nemo;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.store.TrackedRows;

/**
 * Problems: each open NEMO task is one problem of its root tool (task_created with its task_id and
 * its real text), an update NEMO stamped with a new {@code last_updated} is a task_updated, and a
 * task no longer open (resolved or cancelled) a task_resolved. Recorded in nemo_poller_task.
 */
final class TaskChanges {

    private TaskChanges() {}

    /**
     * Records the changes of {@code read} in the transaction on {@code connection}, adding their
     * events to {@code out} (and clearing the directory's legacy problems, written with it).
     */
    static Uni<Void> apply(SqlConnection connection, StateRead read, ToolDirectory tools, CycleEvents out) {
        OffsetDateTime now = PollerEvent.utc(read.at());
        TrackedRows<PolledTask> records = new TrackedRows<>(PolledTask.TABLE);
        return records.loadAll(connection).chain(known -> {
            Map<Long, PolledTask> open = new HashMap<>();
            known.forEach(t -> open.put(t.taskId, t));
            for (NemoModel.Task task : read.openTasks()) {
                PolledTask record = open.remove(task.id());
                if (record == null) {
                    out.raising.add(event(tools, EventType.TASK_CREATED, "created", task));
                    record = new PolledTask();
                    record.taskId = task.id();
                    record.toolId = tools.root(task.tool());
                    record.lastUpdated = PollerEvent.utc(task.lastUpdated());
                    record.updatedAt = now;
                    records.add(record);
                } else if (task.lastUpdated() != null
                        && !Objects.equals(
                                task.lastUpdated(),
                                record.lastUpdated == null ? null : record.lastUpdated.toInstant())) {
                    out.raising.add(event(
                            tools, EventType.TASK_UPDATED, "updated:" + NemoEventIds.part(task.lastUpdated()), task));
                    record.lastUpdated = PollerEvent.utc(task.lastUpdated());
                    record.updatedAt = now;
                }
            }
            for (PolledTask gone : open.values()) {
                out.lowering.add(tools.event(EventType.TASK_RESOLVED, "task", gone.taskId, "resolved", gone.toolId)
                        .task(gone.taskId));
                records.remove(gone);
            }
            legacyProblems(tools, out, now);
            return records.write(connection);
        });
    }

    private static PollerEvent event(ToolDirectory tools, EventType type, String transition, NemoModel.Task task) {
        return tools.event(type, "task", task.id(), transition, task.tool())
                .task(task.id())
                .note(task.problemDescription());
    }

    /** The poller before issue 12 reported a tool's problems as one, without a task id: closed once, now that tasks count. */
    private static void legacyProblems(ToolDirectory tools, CycleEvents out, OffsetDateTime now) {
        for (PolledTool tool : tools.all()) {
            if (tool.problematic && tool.parentToolId == null) {
                out.lowering.add(tools.event(
                        EventType.TASK_RESOLVED, "tool", tool.toolId, "updated:problematic=false", tool.toolId));
            }
            if (tool.problematic) {
                tool.problematic = false;
                tool.updatedAt = now;
            }
        }
    }
}
