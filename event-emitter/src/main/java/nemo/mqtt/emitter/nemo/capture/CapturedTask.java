package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import io.vertx.mutiny.sqlclient.Row;

import nemo.mqtt.emitter.store.RowTable;

/** A NEMO task (problem) already reported: open or not, its last update and its text (nemo_capture_task). */
public class CapturedTask {

    static final RowTable<CapturedTask> TABLE = new RowTable<>(
            "nemo_capture_task",
            List.of("task_id", "tool_id", "open", "force_shutdown", "last_updated", "description", "updated_at"),
            CapturedTask::from,
            r -> Arrays.asList(r.taskId, r.toolId, r.open, r.forceShutdown, r.lastUpdated, r.description, r.updatedAt));

    public long taskId;

    public long toolId;

    public boolean open;

    public boolean forceShutdown;

    public OffsetDateTime lastUpdated;

    /** The problem's text; kept because an UPDATE that did not write a large text delivers a placeholder. */
    public String description;

    public OffsetDateTime updatedAt;

    private static CapturedTask from(Row row) {
        CapturedTask r = new CapturedTask();
        r.taskId = row.getLong("task_id");
        r.toolId = row.getLong("tool_id");
        r.open = row.getBoolean("open");
        r.forceShutdown = row.getBoolean("force_shutdown");
        r.lastUpdated = row.getOffsetDateTime("last_updated");
        r.description = row.getString("description");
        r.updatedAt = row.getOffsetDateTime("updated_at");
        return r;
    }
}
