package nemo.mqtt.emitter.store;

import java.util.UUID;

/**
 * An event_id already stored came again with a different event: not a retry, so it is refused
 * (422, after the IETF Idempotency-Key draft) and nothing is stored. {@code index} is the event's
 * place in a batch, or -1 for a single event.
 */
public class EventIdReusedException extends RuntimeException {

    private final UUID eventId;
    private final int index;

    public EventIdReusedException(UUID eventId, int index) {
        super("event_id " + eventId + " was already used for a different event", null, false, false);
        this.eventId = eventId;
        this.index = index;
    }

    public UUID eventId() {
        return eventId;
    }

    public int index() {
        return index;
    }
}
