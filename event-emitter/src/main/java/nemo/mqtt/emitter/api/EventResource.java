package nemo.mqtt.emitter.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

import nemo.mqtt.emitter.event.AcceptedEvents;
import nemo.mqtt.emitter.outbox.OutboxRelay;
import nemo.mqtt.emitter.store.EventStore;

/** Lab backends report tool events here, one at a time or in batches. */
@Path("/api/v1/events")
@ApiTokenRequired
// every operation: the token is checked before the operation runs
@SecurityRequirement(name = ApiTokenRequired.SCHEME)
@SecurityScheme(
        securitySchemeName = ApiTokenRequired.SCHEME,
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "An API token from nemo.emitter.api-tokens.<name>; every /api/v1 operation needs one")
public class EventResource {

    @Inject
    EventRequests requests;

    @Inject
    EventStore store;

    @Inject
    OutboxRelay relay;

    @Inject
    MeterRegistry registry;

    /**
     * Stores the event (or every event of an array, all or nothing) with its outbox rows and answers
     * 202; publishing follows within moments. A retried event_id answers its original result. The
     * body is read as text and parsed strictly by {@link EventRequests}.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @APIResponse(
            responseCode = "202",
            description = "Stored; published within moments. An array answers an array, in order.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(oneOf = {AcceptedResponse.class, AcceptedResponse[].class})))
    @APIResponse(
            responseCode = "400",
            description = "Invalid body; errors[].field names each offending field (nothing stored)")
    @APIResponse(
            responseCode = "413",
            description = "Body larger than quarkus.http.limits.max-body-size (1 MiB); "
                    + "errors[].field is body (nothing stored)")
    @APIResponse(responseCode = "415", description = "Not application/json")
    @APIResponse(responseCode = "422", description = "An event_id already used for a different event (nothing stored)")
    public Uni<Response> submit(
            @RequestBody(
                            required = true,
                            description = "An event, or an array of 1 to "
                                    + "nemo.emitter.max-batch-size (500) events stored all or nothing",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(oneOf = {EventRequest.class, EventRequest[].class})))
                    @Schema(type = SchemaType.OBJECT)
                    String body) {
        EventRequests.Events read = requests.read(body);
        List<EventRequest> events = read.events();
        Uni<Object> accepted = Uni.createFrom()
                .deferred(() -> read.batch()
                        ? store.acceptAll(events.stream()
                                        .map(EventRequest::toDraft)
                                        .toList())
                                .map(all ->
                                        all.stream().map(AcceptedResponse::of).toList())
                        : store.accept(events.get(0).toDraft()).map(AcceptedResponse::of))
                // the same event_id racing in from two requests: the loser's retry finds the winner's result
                .onFailure(EventStore::isConflict)
                .retry()
                .atMost(3);
        return accepted.invoke(() -> {
                    events.forEach(e -> AcceptedEvents.count(registry, AcceptedEvents.API, e.event()));
                    relay.wake();
                })
                .map(entity -> Response.accepted(entity)
                        .type(MediaType.APPLICATION_JSON)
                        .build());
    }
}
