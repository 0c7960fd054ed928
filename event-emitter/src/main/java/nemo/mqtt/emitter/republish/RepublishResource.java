package nemo.mqtt.emitter.republish;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.logging.Logger;

import nemo.mqtt.emitter.api.ApiTokenRequired;
import nemo.mqtt.emitter.api.ApiTokens;
import nemo.mqtt.emitter.api.Problem;

/** For admins and automation: publish every tool's retained messages again, now. */
@Path("/api/v1/tools/republish")
@ApiTokenRequired
// every operation: the token is checked before the operation runs
@SecurityRequirement(name = ApiTokenRequired.SCHEME)
public class RepublishResource {

    /** The reason counted and logged for a republish asked through this API. */
    public static final String REASON = "api_request";

    private static final Logger LOG = Logger.getLogger(RepublishResource.class);

    /** The 202 answer. */
    public record Queued(int tools, String reason) {}

    @Inject
    Republisher republisher;

    @Inject
    ApiTokens tokens;

    @Inject
    MeterRegistry registry;

    /**
     * Queues every tool's status, display and next message in the outbox, as they are now (current
     * signing key and topic prefix, the tool's current seq), and answers 202 with how many tools; the
     * relay moves them to Redis within moments. Takes no body.
     */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Publish every tool's retained messages again",
            description =
                    "For when a broker lost its retained messages or their form changed. Each tool's status, display and "
                            + "next are queued with its current seq, signed with the current key, under the current topic prefix.")
    @APIResponse(
            responseCode = "202",
            description = "Queued",
            content = @Content(schema = @Schema(implementation = Queued.class)))
    @APIResponse(responseCode = "503", description = "PostgreSQL unavailable; nothing or part was queued, ask again")
    public Uni<Response> republish(@Context HttpHeaders headers) {
        String by = tokens.identify(bearer(headers)).orElse("(unknown)");
        LOG.infof(
                "Republish requested by API token %s (reason %s): publishing every tool's retained messages again",
                by, REASON);
        registry.counter("nemo.republish", "reason", REASON).increment();
        return republisher
                .republishAll()
                .map(tools -> {
                    LOG.infof("Republish (%s): %d tools queued", REASON, tools);
                    return Response.accepted(new Queued(tools, REASON)).build();
                })
                .onFailure()
                .recoverWithItem(e -> {
                    LOG.warnf("Republish (%s) failed: %s", REASON, e.getMessage());
                    return Problem.of(
                                    Response.Status.SERVICE_UNAVAILABLE,
                                    "The tools could not all be queued for republishing (storage unavailable); ask again",
                                    List.of())
                            .toResponse();
                });
    }

    private static String bearer(HttpHeaders headers) {
        String header = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        return header == null || header.length() < 7 ? "" : header.substring(7).strip();
    }
}
