package nemo.mqtt.emitter.store;

/**
 * How a group commit answers an event whose event_id is already stored (or came earlier in the
 * group) with a different event. The same event again is a duplicate in every mode.
 */
enum IdReuse {
    /** A client's single event: refused ({@link EventIdReusedException} without an index). */
    REFUSE,
    /** A client's array body: refused with the event's index in the body. */
    REFUSE_AT_INDEX,
    /**
     * Events derived from NEMO (change data capture) under deterministic ids: several sources may
     * report one NEMO transition a little differently, so a stored event_id is a duplicate, never refused.
     */
    DUPLICATE
}
