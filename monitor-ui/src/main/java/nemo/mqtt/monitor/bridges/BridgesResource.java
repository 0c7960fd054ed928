package nemo.mqtt.monitor.bridges;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

/** Bridge health from Redis; the page refreshes its status fragment every few seconds. */
@Path("/bridges")
public class BridgesResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance bridges(BridgesView view);

        static native TemplateInstance bridges$status(BridgesView view);
    }

    private final BridgeStatus status;

    BridgesResource(BridgeStatus status) {
        this.status = status;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> page(@QueryParam("fragment") String fragment) {
        return status.read().map(view -> fragment != null ? Templates.bridges$status(view) : Templates.bridges(view));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<BridgesView> json() {
        return status.read();
    }
}
