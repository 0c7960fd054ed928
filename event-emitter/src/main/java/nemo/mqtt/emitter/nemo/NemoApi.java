package nemo.mqtt.emitter.nemo;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * NEMO's REST API, typed (built by {@link NemoClient} with the base URL and token). Each list takes
 * NEMO's filters as query parameters ({@code field__lookup=value}); without {@code page_size} NEMO
 * answers a plain array of every matching row, so callers always filter.
 */
@RegisterRestClient(configKey = "nemo")
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public interface NemoApi {

    @GET
    @Path("/usage_events/")
    Uni<List<NemoModel.Usage>> usageEvents(@RestQuery Map<String, String> filter);

    @GET
    @Path("/tools/")
    Uni<List<NemoModel.Tool>> tools(@RestQuery Map<String, String> filter);

    @GET
    @Path("/tasks/")
    Uni<List<NemoModel.Task>> tasks(@RestQuery Map<String, String> filter);

    @GET
    @Path("/reservations/")
    Uni<List<NemoModel.Reservation>> reservations(@RestQuery Map<String, String> filter);

    @GET
    @Path("/scheduled_outages/")
    Uni<List<NemoModel.ScheduledOutage>> scheduledOutages(@RestQuery Map<String, String> filter);

    @GET
    @Path("/unplanned_outages/")
    Uni<List<NemoModel.UnplannedOutage>> unplannedOutages(@RestQuery Map<String, String> filter);
}
