package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import io.vertx.mutiny.sqlclient.Row;

import nemo.mqtt.emitter.store.RowTable;

/** A NEMO tool reservation already reported, with the times last reported: nemo_capture_reservation. */
public class CapturedReservation {

    static final RowTable<CapturedReservation> TABLE = new RowTable<>(
            "nemo_capture_reservation",
            List.of("reservation_id", "tool_id", "start_time", "end_time", "cancelled", "updated_at"),
            CapturedReservation::from,
            r -> Arrays.asList(r.reservationId, r.toolId, r.startTime, r.endTime, r.cancelled, r.updatedAt));

    public long reservationId;

    /** The tool the events went to (the parent of a child tool). */
    public long toolId;

    public OffsetDateTime startTime;

    public OffsetDateTime endTime;

    public boolean cancelled;

    public OffsetDateTime updatedAt;

    private static CapturedReservation from(Row row) {
        CapturedReservation r = new CapturedReservation();
        r.reservationId = row.getLong("reservation_id");
        r.toolId = row.getLong("tool_id");
        r.startTime = row.getOffsetDateTime("start_time");
        r.endTime = row.getOffsetDateTime("end_time");
        r.cancelled = row.getBoolean("cancelled");
        r.updatedAt = row.getOffsetDateTime("updated_at");
        return r;
    }
}
