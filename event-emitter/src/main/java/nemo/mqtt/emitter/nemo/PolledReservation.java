package nemo.mqtt.emitter.nemo;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import io.vertx.mutiny.sqlclient.Row;

import nemo.mqtt.emitter.store.RowTable;

/** An upcoming NEMO reservation as the poller last reported it: nemo_poller_reservation. */
public class PolledReservation {

    static final RowTable<PolledReservation> TABLE = new RowTable<>(
            "nemo_poller_reservation",
            List.of("reservation_id", "tool_id", "start_time", "end_time", "updated_at"),
            PolledReservation::from,
            r -> Arrays.asList(r.reservationId, r.toolId, r.startTime, r.endTime, r.updatedAt));

    public long reservationId;

    public long toolId;

    public OffsetDateTime startTime;

    public OffsetDateTime endTime;

    public OffsetDateTime updatedAt;

    private static PolledReservation from(Row row) {
        PolledReservation r = new PolledReservation();
        r.reservationId = row.getLong("reservation_id");
        r.toolId = row.getLong("tool_id");
        r.startTime = row.getOffsetDateTime("start_time");
        r.endTime = row.getOffsetDateTime("end_time");
        r.updatedAt = row.getOffsetDateTime("updated_at");
        return r;
    }
}
