package nemo.mqtt.emitter.nemo;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * NEMO's REST API (built by {@link NemoClient} with the base URL and token). Every resource the
 * poller reads is a list ({@link NemoResource} names each and the rows it holds); each takes NEMO's
 * filters as query parameters ({@code field__lookup=value}); without {@code page_size} NEMO answers
 * a plain array of every matching row, so callers always filter.
 */
@RegisterRestClient(configKey = "nemo")
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public interface NemoApi {

    /** The JSON array of the rows of list resource {@code resource} (e.g. {@code tools}) that match {@code filter}. */
    @GET
    @Path("/{resource}/")
    Uni<String> rows(@RestPath String resource, @RestQuery Map<String, String> filter);
}
