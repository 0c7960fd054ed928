package nemo.mqtt.monitor.bridges;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import nemo.mqtt.monitor.web.CurrentUser;

/**
 * Bridge health from Redis; the page refreshes its status fragment every few seconds. Admins also
 * find here the button that asks the emitter to publish retained state again.
 */
@Path("/bridges")
public class BridgesResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance bridges(BridgesView view, String notice, boolean failed);

        static native TemplateInstance bridges$status(BridgesView view);
    }

    private static final Logger LOG = Logger.getLogger(BridgesResource.class);

    @Inject
    BridgeStatus status;

    @Inject
    RepublishRequests republish;

    @Inject
    SecurityIdentity identity;

    /** {@code republish}: the outcome of an admin's request to publish retained state again, shown once. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> page(
            @QueryParam("fragment") String fragment, @QueryParam("republish") String republish) {
        String notice = "requested".equals(republish)
                ? "Requested: the event emitter publishes every tool's status, next reservation and display again."
                : "failed".equals(republish) ? "Not requested: Redis could not be reached. Try again." : null;
        return status.read()
                .map(view -> fragment != null
                        ? Templates.bridges$status(view)
                        : Templates.bridges(view, notice, "failed".equals(republish)));
    }

    /**
     * "Publish retained state again", for an admin after a broker incident (it lost its retained
     * messages, or displays show stale state). A form POST with the page's CSRF token; viewers get 403.
     */
    @POST
    @Path("republish")
    @RolesAllowed(CurrentUser.ADMIN)
    public Uni<Response> republish() {
        String user = identity.getPrincipal().getName();
        return republish
                .request(user)
                .invoke(() -> LOG.infof("%s asked the emitter to publish retained state again", user))
                .replaceWith(() -> Response.seeOther(URI.create("/bridges?republish=requested"))
                        .build())
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf("Republish request by %s not set: %s", user, failure.getMessage());
                    return Response.seeOther(URI.create("/bridges?republish=failed"))
                            .build();
                });
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<BridgesView> json() {
        return status.read();
    }
}
