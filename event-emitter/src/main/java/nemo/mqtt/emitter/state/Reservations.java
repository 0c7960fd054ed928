package nemo.mqtt.emitter.state;

import io.smallrye.mutiny.Uni;

import nemo.mqtt.emitter.event.ToolEvent;

/** Keeps the reservation table as reservation events describe it (inside the event's transaction). */
public final class Reservations {

    private Reservations() {}

    public static Uni<Void> record(ToolEvent event) {
        return Reservation.<Reservation>findById(event.reservationId()).chain(found -> {
            Reservation r = found != null ? found : new Reservation();
            r.reservationId = event.reservationId();
            r.toolId = event.toolId();
            if (event.userName() != null) {
                r.userName = event.userName();
            }
            if (event.startTime() != null) {
                r.startTime = event.startTime();
            }
            if (event.endTime() != null) {
                r.endTime = event.endTime();
            }
            // NEMO never takes a cancellation back: a created or updated that arrives after it is late
            r.cancelled = r.cancelled || event.event() == nemo.mqtt.emitter.event.EventType.RESERVATION_CANCELLED;
            r.updatedAt = event.timestamp();
            return found != null ? Uni.createFrom().voidItem() : r.persist().replaceWithVoid();
        });
    }
}
