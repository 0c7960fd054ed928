package nemo.mqtt.emitter.store;

import java.time.OffsetDateTime;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.event.ToolEvent;
import nemo.mqtt.emitter.state.Reservation;

/**
 * The reservation table (tool_reservation) as reservation events describe it, on the caller's
 * connection inside its transaction, one statement each: a field an event leaves out keeps its
 * value, and a cancellation is never taken back (NEMO never does: a created or updated that
 * arrives after it is late).
 */
final class ReservationRows {

    private static final String RECORD = """
            insert into tool_reservation as r (reservation_id, tool_id, user_name, start_time, end_time, cancelled, updated_at)
            values ($1, $2, $3, $4, $5, $6, $7)
            on conflict (reservation_id) do update set tool_id = excluded.tool_id,
                user_name = coalesce(excluded.user_name, r.user_name), start_time = coalesce(excluded.start_time, r.start_time),
                end_time = coalesce(excluded.end_time, r.end_time), cancelled = r.cancelled or excluded.cancelled,
                updated_at = excluded.updated_at""";

    private static final String NEXT = """
            select reservation_id, tool_id, user_name, start_time, end_time, cancelled, updated_at from tool_reservation
            where tool_id = $1 and not cancelled and start_time > $2 order by start_time limit 1""";

    private ReservationRows() {}

    /** Records what the reservation event {@code event} says about its reservation. */
    static Uni<Void> record(SqlConnection connection, ToolEvent event) {
        return connection
                .preparedQuery(RECORD)
                .execute(Tuple.from(new Object[] {
                    event.reported().reservationId(),
                    event.toolId(),
                    event.reported().userName(),
                    event.reported().startTime(),
                    event.reported().endTime(),
                    event.event() == EventType.RESERVATION_CANCELLED,
                    event.timestamp()
                }))
                .replaceWithVoid();
    }

    /** The tool's earliest reservation that has not started by {@code now} and is not cancelled, or null. */
    static Uni<Reservation> next(SqlConnection connection, long toolId, OffsetDateTime now) {
        return connection.preparedQuery(NEXT).execute(Tuple.of(toolId, now)).map(rows -> {
            RowIterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row row = it.next();
            Reservation r = new Reservation();
            r.reservationId = row.getLong("reservation_id");
            r.toolId = row.getLong("tool_id");
            r.userName = row.getString("user_name");
            r.startTime = row.getOffsetDateTime("start_time");
            r.endTime = row.getOffsetDateTime("end_time");
            r.cancelled = row.getBoolean("cancelled");
            r.updatedAt = row.getOffsetDateTime("updated_at");
            return r;
        });
    }
}
