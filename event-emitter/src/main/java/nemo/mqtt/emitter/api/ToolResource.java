package nemo.mqtt.emitter.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import nemo.mqtt.emitter.store.ToolStateRows;

/** The current state of the tools, as their events left it. */
@Path("/api/v1/tools")
@ApiTokenRequired
// every operation: the token is checked before the operation runs
@SecurityRequirement(name = ApiTokenRequired.SCHEME)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class ToolResource {

    @Inject
    Pool pool;

    @GET
    @APIResponse(
            responseCode = "200",
            description = "Every tool that has had an event, by id",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = ToolView.class)))
    public Uni<List<ToolView>> all() {
        return ToolStateRows.all(pool)
                .map(states -> states.stream().map(ToolView::of).toList());
    }

    @GET
    @Path("/{tool_id}")
    @APIResponse(
            responseCode = "200",
            description = "The tool's current state",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ToolView.class)))
    @APIResponse(responseCode = "400", description = "tool_id is not a positive whole number")
    @APIResponse(responseCode = "404", description = "No event has been received for the tool")
    public Uni<ToolView> one(
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", format = "int64"))
                    @PathParam("tool_id")
                    String rawToolId) {
        long toolId = InvalidParameterException.number("tool_id", rawToolId, 1, Long.MAX_VALUE, null);
        return ToolStateRows.find(pool, toolId).map(state -> {
            if (state == null) {
                throw new NotFoundException("No event has been received for tool " + toolId);
            }
            return ToolView.of(state);
        });
    }
}
