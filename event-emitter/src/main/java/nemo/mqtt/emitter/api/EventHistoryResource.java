package nemo.mqtt.emitter.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonRawValue;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import nemo.mqtt.emitter.store.StoredEvent;

/** The history of accepted events, oldest first, in pages: pass {@code next_after} back as {@code after}. */
@Path("/api/v1/events")
@ApiTokenRequired
@Produces(MediaType.APPLICATION_JSON)
public class EventHistoryResource {

    public record HistoryItem(long id, UUID eventId, long toolId, long seq, String event,
            @JsonRawValue String payload, OffsetDateTime receivedAt) {
    }

    public record Page(List<HistoryItem> items, Long nextAfter) {
    }

    @GET
    @WithSession
    public Uni<Page> page(@QueryParam("tool_id") @Positive Long toolId,
            @QueryParam("after") @DefaultValue("0") @Min(0) long after,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        String query = toolId == null ? "id > :after" : "toolId = :tool and id > :after";
        Parameters params = Parameters.with("after", after);
        if (toolId != null) {
            params.and("tool", toolId);
        }
        return StoredEvent.<StoredEvent>find(query, Sort.by("id"), params).page(0, limit).list().map(events -> {
            List<HistoryItem> items = events.stream().map(e -> new HistoryItem(e.id, e.eventId, e.toolId, e.seq,
                    e.eventType, e.payload, e.receivedAt)).toList();
            Long next = items.size() == limit ? items.get(items.size() - 1).id() : null;
            return new Page(items, next);
        });
    }
}
