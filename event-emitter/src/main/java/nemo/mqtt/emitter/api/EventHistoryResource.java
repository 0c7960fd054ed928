package nemo.mqtt.emitter.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import nemo.mqtt.emitter.store.EventHistory;

/** The history of accepted events, oldest first, in pages: pass {@code next_after} back as {@code after}. */
@Path("/api/v1/events")
@ApiTokenRequired
// every operation: the token is checked before the operation runs
@SecurityRequirement(name = ApiTokenRequired.SCHEME)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
public class EventHistoryResource {

    @Schema(name = "HistoryItem")
    public record HistoryItem(
            @Schema(required = true) long id,
            @Schema(required = true, format = "uuid") UUID eventId,
            @Schema(required = true) long toolId,
            @Schema(required = true) long seq,
            @Schema(required = true) String event,

            @Schema(required = true, type = SchemaType.OBJECT, description = "The event's MQTT payload as published")
            @JsonRawValue
            String payload,

            @Schema(required = true) OffsetDateTime receivedAt) {}

    @Schema(name = "HistoryPage")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Page(
            @Schema(required = true) List<HistoryItem> items,

            @Schema(description = "Pass back as after for the next page; absent on the last")
            Long nextAfter) {}

    @Inject
    Pool pool;

    @GET
    @APIResponse(
            responseCode = "200",
            description = "One page of history, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class)))
    @APIResponse(responseCode = "400", description = "A parameter is not a whole number in its range")
    public Uni<Page> page(
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", format = "int64"))
                    @QueryParam("tool_id")
                    String rawToolId,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0", format = "int64", defaultValue = "0"))
                    @QueryParam("after")
                    String rawAfter,
            @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            minimum = "1",
                                            maximum = "1000",
                                            defaultValue = "100"))
                    @QueryParam("limit")
                    String rawLimit) {
        Long toolId = rawToolId == null
                ? null
                : InvalidParameterException.number("tool_id", rawToolId, 1, Long.MAX_VALUE, null);
        long after = InvalidParameterException.number("after", rawAfter, 0, Long.MAX_VALUE, 0L);
        int limit = (int) InvalidParameterException.number("limit", rawLimit, 1, 1000, 100L);
        return EventHistory.page(pool, toolId, after, limit).map(events -> {
            List<HistoryItem> items = events.stream()
                    .map(e -> new HistoryItem(
                            e.id(), e.eventId(), e.toolId(), e.seq(), e.eventType(), e.payload(), e.receivedAt()))
                    .toList();
            Long next = items.size() == limit ? items.get(items.size() - 1).id() : null;
            return new Page(items, next);
        });
    }
}
