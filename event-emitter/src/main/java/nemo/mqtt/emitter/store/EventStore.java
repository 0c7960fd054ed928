package nemo.mqtt.emitter.store;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nemo.mqtt.emitter.event.PayloadWriter;
import nemo.mqtt.emitter.event.Shards;
import nemo.mqtt.emitter.event.ToolEvent;
import nemo.mqtt.emitter.event.ToolEventDraft;
import nemo.mqtt.emitter.event.Topics;
import nemo.mqtt.emitter.state.Reservation;
import nemo.mqtt.emitter.state.Reservations;
import nemo.mqtt.emitter.state.StatePolicy;
import nemo.mqtt.emitter.state.ToolState;

/**
 * Stores an event, its seq, the tool's new state and the outbox rows of every message it causes
 * (the event's topic and, when the state changed, the retained status) in one transaction:
 * accepted means it will be published.
 */
@ApplicationScoped
public class EventStore {

    /** The outcome a client sees; the same for a retry of the same event_id. */
    public record Accepted(UUID eventId, long toolId, long seq, boolean duplicate) {
    }

    /** What an event changed: the retained status and next reservation go out only when they did. */
    private record Changes(ToolState state, boolean created, boolean status, boolean next) {
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
        return acceptInTransaction(draft);
    }

    /** All or nothing: every event of the batch is stored, in order, or none is. */
    @WithTransaction
    public Uni<List<Accepted>> acceptAll(List<ToolEventDraft> drafts) {
        Uni<List<Accepted>> chain = Uni.createFrom().item(new ArrayList<>());
        for (ToolEventDraft draft : drafts) {
            chain = chain.chain(done -> acceptInTransaction(draft).map(accepted -> {
                done.add(accepted);
                return done;
            }));
        }
        return chain;
    }

    /**
     * Publishes a tool's next reservation again when the one it showed has started: time, not an
     * event, changed it. The message gets the tool's next seq, so subscribers' order holds.
     */
    @WithTransaction
    public Uni<Boolean> refreshNext(long toolId, OffsetDateTime now) {
        return sequences.next(toolId).chain(seq -> ToolState.<ToolState>findById(toolId).chain(state -> {
            if (state == null) {
                return Uni.createFrom().item(false);
            }
            return Reservation.next(toolId, now).chain(next -> {
                if (!state.nextReservation(next)) {
                    return Uni.createFrom().item(false);
                }
                ToolEvent cause = new ToolEventDraft(null, nemo.mqtt.emitter.event.EventType.RESERVATION_UPDATED, toolId,
                        null, state.toolName, null, null, null, null, null, null, null, null, null, null)
                        .withIdentity(UUID.randomUUID(), seq, now());
                state.lastSeq = seq;
                return outbox(cause, topics.next(toolId), payloads.next(state, cause), true).persist().replaceWith(true);
            });
        }));
    }

    /** For callers that already hold a transaction and commit their own records with the event (the NEMO poller). */
    public Uni<Accepted> acceptWithin(ToolEventDraft draft) {
        return acceptInTransaction(draft);
    }

    private Uni<Accepted> acceptInTransaction(ToolEventDraft draft) {
        UUID eventId = draft.eventId() != null ? draft.eventId() : UUID.randomUUID();
        return StoredEvent.findByEventId(eventId).chain(existing -> existing != null
                ? Uni.createFrom().item(new Accepted(existing.eventId, existing.toolId, existing.seq, true))
                : sequences.next(draft.toolId()).chain(seq -> store(draft.withIdentity(eventId, seq, now()))));
    }

    private Uni<Accepted> store(ToolEvent event) {
        String payload = payloads.event(event);
        StoredEvent stored = new StoredEvent();
        stored.eventId = event.eventId();
        stored.toolId = event.toolId();
        stored.seq = event.seq();
        stored.eventType = event.event().wireName();
        stored.payload = payload;
        stored.receivedAt = event.timestamp();

        return stored.persist()
                .chain(() -> ToolState.<ToolState>findById(event.toolId()))
                .chain(found -> {
                    boolean created = found == null;
                    ToolState state = created ? ToolState.idle(event.toolId(), event.timestamp()) : found;
                    boolean changed = StatePolicy.apply(state, event) || created;
                    return (event.event().isReservation() ? Reservations.record(event)
                            .chain(() -> Reservation.next(event.toolId(), event.timestamp()))
                            .map(state::nextReservation) : Uni.createFrom().item(false))
                            .map(nextChanged -> new Changes(state, created, changed, nextChanged));
                })
                .chain(changes -> {
                    ToolState state = changes.state();
                    boolean created = changes.created();
                    List<OutboxEntry> rows = new ArrayList<>();
                    topics.forEvent(event).ifPresent(topic -> rows.add(outbox(event, topic, payload, false)));
                    if (changes.status()) {
                        rows.add(outbox(event, topics.status(event.toolId()), payloads.status(state, event), true));
                    }
                    if (changes.next()) {
                        rows.add(outbox(event, topics.next(event.toolId()), payloads.next(state, event), true));
                    }
                    Uni<?> saved = created ? state.persist() : Uni.createFrom().voidItem();
                    for (OutboxEntry row : rows) {
                        saved = saved.chain(row::persist);
                    }
                    return saved;
                })
                .replaceWith(new Accepted(event.eventId(), event.toolId(), event.seq(), false));
    }

    private OutboxEntry outbox(ToolEvent event, String topic, String payload, boolean retain) {
        OutboxEntry row = new OutboxEntry();
        row.eventId = event.eventId();
        row.toolId = event.toolId();
        row.seq = event.seq();
        row.streamKey = shards.streamKey(event.toolId());
        row.topic = topic;
        row.payload = payload;
        row.qos = 1;
        row.retain = retain;
        row.createdAt = event.timestamp();
        return row;
    }

    /** A unique key was taken by a concurrent transaction (the same event_id sent twice at once). */
    public static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException
                    || (t instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState()))) {
                return true;
            }
        }
        return false;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
