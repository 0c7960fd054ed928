package nemo.mqtt.emitter.nemo;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import io.vertx.mutiny.sqlclient.Row;

import nemo.mqtt.emitter.store.RowTable;

/** An open NEMO task (problem) the poller reported as created, with the last update it reported: nemo_poller_task. */
public class PolledTask {

    static final RowTable<PolledTask> TABLE = new RowTable<>(
            "nemo_poller_task",
            List.of("task_id", "tool_id", "last_updated", "updated_at"),
            PolledTask::from,
            t -> Arrays.asList(t.taskId, t.toolId, t.lastUpdated, t.updatedAt));

    public long taskId;

    /** The root tool the task shows on. */
    public long toolId;

    public OffsetDateTime lastUpdated;

    public OffsetDateTime updatedAt;

    private static PolledTask from(Row row) {
        PolledTask t = new PolledTask();
        t.taskId = row.getLong("task_id");
        t.toolId = row.getLong("tool_id");
        t.lastUpdated = row.getOffsetDateTime("last_updated");
        t.updatedAt = row.getOffsetDateTime("updated_at");
        return t;
    }
}
