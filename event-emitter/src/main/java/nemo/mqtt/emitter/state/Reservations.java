package nemo.mqtt.emitter.state;

import io.smallrye.mutiny.Uni;

import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.event.ToolEvent;
import nemo.mqtt.emitter.event.ToolEventDraft;

/** Keeps the reservation table as reservation events describe it (inside the event's transaction). */
public final class Reservations {

    private Reservations() {}

    public static Uni<Void> record(ToolEvent event) {
        ToolEventDraft reported = event.reported();
        return Reservation.<Reservation>findById(reported.reservationId()).chain(found -> {
            Reservation r = found != null ? found : new Reservation();
            r.reservationId = reported.reservationId();
            r.toolId = event.toolId();
            if (reported.userName() != null) {
                r.userName = reported.userName();
            }
            if (reported.startTime() != null) {
                r.startTime = reported.startTime();
            }
            if (reported.endTime() != null) {
                r.endTime = reported.endTime();
            }
            // NEMO never takes a cancellation back: a created or updated that arrives after it is late
            r.cancelled = r.cancelled || event.event() == EventType.RESERVATION_CANCELLED;
            r.updatedAt = event.timestamp();
            return found != null ? Uni.createFrom().voidItem() : r.persist().replaceWithVoid();
        });
    }
}
