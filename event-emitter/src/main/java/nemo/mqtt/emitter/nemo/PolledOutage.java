package nemo.mqtt.emitter.nemo;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import io.vertx.mutiny.sqlclient.Row;

import nemo.mqtt.emitter.store.RowTable;

/** A NEMO scheduled outage the poller reported as started and not yet as ended: nemo_poller_outage. */
public class PolledOutage {

    static final RowTable<PolledOutage> TABLE = new RowTable<>(
            "nemo_poller_outage",
            List.of("outage_id", "tool_id", "updated_at"),
            PolledOutage::from,
            o -> Arrays.asList(o.outageId, o.toolId, o.updatedAt));

    public long outageId;

    /** The root tool the outage shows on. */
    public long toolId;

    public OffsetDateTime updatedAt;

    private static PolledOutage from(Row row) {
        PolledOutage o = new PolledOutage();
        o.outageId = row.getLong("outage_id");
        o.toolId = row.getLong("tool_id");
        o.updatedAt = row.getOffsetDateTime("updated_at");
        return o;
    }
}
