package nemo.mqtt.emitter.nemo;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import io.vertx.mutiny.sqlclient.Row;

import nemo.mqtt.emitter.store.RowTable;

/** A NEMO usage the poller has reported as started (and, once {@code ended}, as ended): nemo_poller_usage. */
public class PolledUsage {

    static final RowTable<PolledUsage> TABLE = new RowTable<>(
            "nemo_poller_usage",
            List.of("usage_id", "tool_id", "ended", "updated_at"),
            PolledUsage::from,
            u -> Arrays.asList(u.usageId, u.toolId, u.ended, u.updatedAt));

    /** The condition of the usages reported running and not yet ended (index nemo_poller_usage_open). */
    static final String OPEN = "not ended";

    public long usageId;

    public long toolId;

    public boolean ended;

    public OffsetDateTime updatedAt;

    private static PolledUsage from(Row row) {
        PolledUsage u = new PolledUsage();
        u.usageId = row.getLong("usage_id");
        u.toolId = row.getLong("tool_id");
        u.ended = row.getBoolean("ended");
        u.updatedAt = row.getOffsetDateTime("updated_at");
        return u;
    }
}
