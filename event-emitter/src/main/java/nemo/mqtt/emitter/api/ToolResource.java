package nemo.mqtt.emitter.api;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import nemo.mqtt.emitter.state.ToolState;

/** The current state of the tools, as their events left it. */
@Path("/api/v1/tools")
@ApiTokenRequired
@Produces(MediaType.APPLICATION_JSON)
public class ToolResource {

    @GET
    @WithSession
    public Uni<List<ToolView>> all() {
        return ToolState.<ToolState>listAll(Sort.by("toolId")).map(states -> states.stream().map(ToolView::of).toList());
    }

    @GET
    @Path("/{toolId}")
    @WithSession
    public Uni<ToolView> one(@PathParam("toolId") long toolId) {
        return ToolState.<ToolState>findById(toolId).map(state -> {
            if (state == null) {
                throw new NotFoundException("No event has been received for tool " + toolId);
            }
            return ToolView.of(state);
        });
    }
}
