package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import io.vertx.mutiny.sqlclient.Row;

import nemo.mqtt.emitter.store.RowTable;

/** A NEMO usage already reported (its tool, as NEMO stored it, and whether its end was reported): nemo_capture_usage. */
public class CapturedUsage {

    static final RowTable<CapturedUsage> TABLE = new RowTable<>(
            "nemo_capture_usage",
            List.of("usage_id", "tool_id", "ended", "updated_at"),
            CapturedUsage::from,
            r -> Arrays.asList(r.usageId, r.toolId, r.ended, r.updatedAt));

    public long usageId;

    /** NEMO's tool_id: a child tool's id when the usage is a child's. */
    public long toolId;

    public boolean ended;

    public OffsetDateTime updatedAt;

    private static CapturedUsage from(Row row) {
        CapturedUsage r = new CapturedUsage();
        r.usageId = row.getLong("usage_id");
        r.toolId = row.getLong("tool_id");
        r.ended = row.getBoolean("ended");
        r.updatedAt = row.getOffsetDateTime("updated_at");
        return r;
    }
}
