package nemo.mqtt.emitter.nemo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.store.TrackedRows;

/**
 * Tool reservations not over yet (running or upcoming): a new one is created, one whose times
 * changed (compared as instants: NEMO prints them in its own time zone) updated, and one that
 * is gone while its end is still ahead was cancelled (or missed, shortened, deleted); one gone
 * because its end passed is forgotten without an event. Recorded in nemo_poller_reservation.
 */
final class ReservationChanges {

    private ReservationChanges() {}

    /**
     * Records {@code listed} (NEMO's reservations not over at {@code at}) in the transaction on
     * {@code connection}; answers the events.
     */
    static Uni<List<PollerEvent>> apply(
            SqlConnection connection, List<NemoModel.Reservation> listed, ToolDirectory tools, Instant at) {
        OffsetDateTime now = PollerEvent.utc(at);
        TrackedRows<PolledReservation> records = new TrackedRows<>(PolledReservation.TABLE);
        return records.loadAll(connection).chain(known -> {
            Map<Long, PolledReservation> reported = new HashMap<>();
            known.forEach(r -> reported.put(r.reservationId, r));
            List<PollerEvent> events = new ArrayList<>();
            for (NemoModel.Reservation reservation : listed) {
                if (reservation.tool() == null) {
                    continue; // an area reservation
                }
                PolledReservation before = reported.remove(reservation.id());
                String transition;
                if (before == null) {
                    transition = "created";
                } else if (!reservation.start().equals(before.startTime.toInstant())
                        || before.endTime == null
                        || !reservation.end().equals(before.endTime.toInstant())) {
                    transition = "moved:" + NemoEventIds.part(reservation.start()) + ":"
                            + NemoEventIds.part(reservation.end());
                } else {
                    continue;
                }
                events.add(tools.event(
                                before == null ? EventType.RESERVATION_CREATED : EventType.RESERVATION_UPDATED,
                                "reservation",
                                reservation.id(),
                                transition,
                                reservation.tool())
                        .reservation(reservation.id(), NemoModel.User.nameOf(reservation.user()))
                        .times(reservation.start(), reservation.end()));
                PolledReservation after = before != null ? before : new PolledReservation();
                after.reservationId = reservation.id();
                after.toolId = tools.root(reservation.tool());
                after.startTime = PollerEvent.utc(reservation.start());
                after.endTime = PollerEvent.utc(reservation.end());
                after.updatedAt = now;
                if (before == null) {
                    records.add(after);
                }
            }
            for (PolledReservation gone : reported.values()) {
                OffsetDateTime until = gone.endTime != null ? gone.endTime : gone.startTime;
                if (until.toInstant().isAfter(at)) {
                    events.add(tools.event(
                                    EventType.RESERVATION_CANCELLED,
                                    "reservation",
                                    gone.reservationId,
                                    "cancelled",
                                    gone.toolId)
                            .reservation(gone.reservationId, null));
                }
                records.remove(gone);
            }
            return records.write(connection).replaceWith(events);
        });
    }
}
