package nemo.mqtt.emitter.nemo;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import io.vertx.mutiny.sqlclient.Row;

import nemo.mqtt.emitter.store.RowTable;

/** The last tool status the poller saw in NEMO; changes against it become events (nemo_poller_tool). */
public class PolledTool {

    static final RowTable<PolledTool> TABLE = new RowTable<>(
            "nemo_poller_tool",
            List.of(
                    "tool_id",
                    "name",
                    "parent_tool_id",
                    "operational",
                    "problematic",
                    "category",
                    "shutdown_cause",
                    "updated_at"),
            PolledTool::from,
            t -> Arrays.asList(
                    t.toolId,
                    t.name,
                    t.parentToolId,
                    t.operational,
                    t.problematic,
                    t.category,
                    t.shutdownCause,
                    t.updatedAt));

    public long toolId;

    public String name;

    /** NEMO's parent_tool: this tool's usages are reported under the parent. */
    public Long parentToolId;

    public boolean operational;

    /** Written by the poller before issue 12: one problem without a task id, closed once on upgrade. */
    public boolean problematic;

    /** NEMO's {@code _category} ("Cat/Sub-cat"), sent with every event of the tool. */
    public String category;

    /** While shut down: what the shutdown's events are named after ({@code task:<id>} or epoch ms). */
    public String shutdownCause;

    public OffsetDateTime updatedAt;

    private static PolledTool from(Row row) {
        PolledTool t = new PolledTool();
        t.toolId = row.getLong("tool_id");
        t.name = row.getString("name");
        t.parentToolId = row.getLong("parent_tool_id");
        t.operational = row.getBoolean("operational");
        t.problematic = row.getBoolean("problematic");
        t.category = row.getString("category");
        t.shutdownCause = row.getString("shutdown_cause");
        t.updatedAt = row.getOffsetDateTime("updated_at");
        return t;
    }
}
