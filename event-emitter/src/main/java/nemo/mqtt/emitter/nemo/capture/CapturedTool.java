package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import io.vertx.mutiny.sqlclient.Row;

import nemo.mqtt.emitter.store.RowTable;

/**
 * A NEMO tool as the capture last saw it (nemo_capture_tool): its name, its parent (a child tool's
 * events go to the parent), and the operational flag last reported with the cause that went into its event ids.
 */
public class CapturedTool {

    static final RowTable<CapturedTool> TABLE = new RowTable<>(
            "nemo_capture_tool",
            List.of("tool_id", "name", "parent_tool_id", "category", "operational", "shutdown_cause", "updated_at"),
            CapturedTool::from,
            r -> Arrays.asList(
                    r.toolId, r.name, r.parentToolId, r.category, r.operational, r.shutdownCause, r.updatedAt));

    public long toolId;

    public String name;

    public Long parentToolId;

    public String category;

    public boolean operational;

    /** {@code task:<id>} or epoch ms of the shutdown last reported; its end reuses it (NemoEventIds). */
    public String shutdownCause;

    public OffsetDateTime updatedAt;

    /** The tool events are published under: the parent of a child tool, else the tool itself. */
    public long rootId() {
        return parentToolId != null ? parentToolId : toolId;
    }

    private static CapturedTool from(Row row) {
        CapturedTool r = new CapturedTool();
        r.toolId = row.getLong("tool_id");
        r.name = row.getString("name");
        r.parentToolId = row.getLong("parent_tool_id");
        r.category = row.getString("category");
        r.operational = row.getBoolean("operational");
        r.shutdownCause = row.getString("shutdown_cause");
        r.updatedAt = row.getOffsetDateTime("updated_at");
        return r;
    }
}
