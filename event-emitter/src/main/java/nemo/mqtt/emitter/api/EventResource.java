package nemo.mqtt.emitter.api;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import nemo.mqtt.emitter.outbox.OutboxRelay;
import nemo.mqtt.emitter.store.EventStore;

/** Lab backends report tool events here, one at a time or in batches. */
@Path("/api/v1/events")
@ApiTokenRequired
public class EventResource {

    private final EventRequests requests;
    private final EventStore store;
    private final OutboxRelay relay;
    private final MeterRegistry registry;

    EventResource(EventRequests requests, EventStore store, OutboxRelay relay, MeterRegistry registry) {
        this.requests = requests;
        this.store = store;
        this.relay = relay;
        this.registry = registry;
    }

    /**
     * Stores the event (or every event of an array, all or nothing) with its outbox rows and answers
     * 202; publishing follows within moments. A retried event_id answers its original result.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> submit(@RequestBody(description = "An event, or an array of events") JsonNode body) {
        List<EventRequest> events = requests.read(body);
        Uni<Object> accepted = Uni.createFrom().deferred(() -> body.isArray()
                ? store.acceptAll(events.stream().map(EventRequest::toDraft).toList())
                        .map(all -> all.stream().map(AcceptedResponse::of).toList())
                : store.accept(events.get(0).toDraft()).map(AcceptedResponse::of))
                // the same event_id racing in from two requests: the loser's retry finds the winner's result
                .onFailure(EventStore::isConflict).retry().atMost(3);
        return accepted.invoke(() -> {
            events.forEach(e -> registry.counter("nemo.events.accepted", "event", e.event().wireName()).increment());
            relay.wake();
        }).map(entity -> Response.accepted(entity).build());
    }
}
