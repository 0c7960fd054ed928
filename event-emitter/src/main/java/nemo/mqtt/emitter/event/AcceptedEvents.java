package nemo.mqtt.emitter.event;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The count of accepted events, {@code nemo_events_accepted_total{event, source}}: one counter
 * for every source, so the REST API, the NEMO poller and change data capture show side by side.
 */
public final class AcceptedEvents {

    /** Events a lab backend sent to {@code POST /api/v1/events}. */
    public static final String API = "api";
    /** Events the NEMO REST poller derived. */
    public static final String POLLER = "poller";
    /** Events change data capture derived from NEMO's database. */
    public static final String CAPTURE = "capture";

    private AcceptedEvents() {}

    /** Counts one newly stored event of {@code type} from {@code source} (one of the constants above). */
    public static void count(MeterRegistry registry, String source, EventType type) {
        registry.counter("nemo.events.accepted", "event", type.wireName(), "source", source)
                .increment();
    }
}
