package nemo.mqtt.emitter.store;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nemo.mqtt.emitter.event.PayloadWriter;
import nemo.mqtt.emitter.event.Shards;
import nemo.mqtt.emitter.event.ToolEvent;
import nemo.mqtt.emitter.event.ToolEventDraft;
import nemo.mqtt.emitter.event.Topics;

/** Stores an event, its seq and its outbox row in one transaction: accepted means it will be published. */
@ApplicationScoped
public class EventStore {

    /** The outcome a client sees; the same for a retry of the same event_id. */
    public record Accepted(UUID eventId, long toolId, long seq, boolean duplicate) {
    }

    private final ToolSequences sequences;
    private final PayloadWriter payloads;
    private final Topics topics;
    private final Shards shards;

    EventStore(ToolSequences sequences, PayloadWriter payloads, Topics topics, Shards shards) {
        this.sequences = sequences;
        this.payloads = payloads;
        this.topics = topics;
        this.shards = shards;
    }

    @WithTransaction
    public Uni<Accepted> accept(ToolEventDraft draft) {
        UUID eventId = draft.eventId() != null ? draft.eventId() : UUID.randomUUID();
        return StoredEvent.findByEventId(eventId).chain(existing -> existing != null
                ? Uni.createFrom().item(new Accepted(existing.eventId, existing.toolId, existing.seq, true))
                : sequences.next(draft.toolId()).chain(seq -> store(draft.withIdentity(eventId, seq, now()))));
    }

    private Uni<Accepted> store(ToolEvent event) {
        String payload = payloads.write(event);
        StoredEvent stored = new StoredEvent();
        stored.eventId = event.eventId();
        stored.toolId = event.toolId();
        stored.seq = event.seq();
        stored.eventType = event.event().wireName();
        stored.payload = payload;
        stored.receivedAt = event.timestamp();

        OutboxEntry outbox = new OutboxEntry();
        outbox.eventId = event.eventId();
        outbox.toolId = event.toolId();
        outbox.seq = event.seq();
        outbox.streamKey = shards.streamKey(event.toolId());
        outbox.topic = topics.forEvent(event.event(), event.toolId());
        outbox.payload = payload;
        outbox.qos = 1;
        outbox.retain = false;
        outbox.createdAt = event.timestamp();

        return stored.persist().chain(outbox::persist)
                .replaceWith(new Accepted(event.eventId(), event.toolId(), event.seq(), false));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
