package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import io.vertx.mutiny.sqlclient.Row;

import nemo.mqtt.emitter.store.RowTable;

/** A NEMO scheduled outage of a tool, and whether its start and end were reported as the clock passed them: nemo_capture_outage. */
public class CapturedOutage {

    static final RowTable<CapturedOutage> TABLE = new RowTable<>(
            "nemo_capture_outage",
            List.of("outage_id", "tool_id", "title", "start_time", "end_time", "started", "ended", "updated_at"),
            CapturedOutage::from,
            r -> Arrays.asList(r.outageId, r.toolId, r.title, r.startTime, r.endTime, r.started, r.ended, r.updatedAt));

    public long outageId;

    /** The tool the events go to (the parent of a child tool). */
    public long toolId;

    public String title;

    public OffsetDateTime startTime;

    public OffsetDateTime endTime;

    public boolean started;

    public boolean ended;

    public OffsetDateTime updatedAt;

    private static CapturedOutage from(Row row) {
        CapturedOutage r = new CapturedOutage();
        r.outageId = row.getLong("outage_id");
        r.toolId = row.getLong("tool_id");
        r.title = row.getString("title");
        r.startTime = row.getOffsetDateTime("start_time");
        r.endTime = row.getOffsetDateTime("end_time");
        r.started = row.getBoolean("started");
        r.ended = row.getBoolean("ended");
        r.updatedAt = row.getOffsetDateTime("updated_at");
        return r;
    }
}
