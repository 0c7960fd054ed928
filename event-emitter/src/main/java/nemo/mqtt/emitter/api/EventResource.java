package nemo.mqtt.emitter.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.ResponseStatus;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import nemo.mqtt.emitter.outbox.OutboxRelay;
import nemo.mqtt.emitter.store.EventStore;

/** Lab backends report tool events here. */
@Path("/api/v1/events")
@ApiTokenRequired
public class EventResource {

    private final EventStore store;
    private final OutboxRelay relay;
    private final MeterRegistry registry;

    EventResource(EventStore store, OutboxRelay relay, MeterRegistry registry) {
        this.store = store;
        this.relay = relay;
        this.registry = registry;
    }

    /** Stores the event with its outbox row and answers 202; publishing follows within moments. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    public Uni<AcceptedResponse> submit(@Valid @NotNull EventRequest request) {
        return store.accept(request.toDraft())
                .invoke(accepted -> {
                    registry.counter("nemo.events.accepted", "event", request.event().wireName(),
                            "duplicate", String.valueOf(accepted.duplicate())).increment();
                    relay.wake();
                })
                .map(AcceptedResponse::of);
    }
}
