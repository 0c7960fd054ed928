package nemo.mqtt.emitter.store;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nemo.mqtt.emitter.event.PayloadWriter;
import nemo.mqtt.emitter.event.ToolEvent;
import nemo.mqtt.emitter.event.ToolEventDraft;
import nemo.mqtt.emitter.event.Topics;
import nemo.mqtt.emitter.state.Reservation;
import nemo.mqtt.emitter.state.Reservations;
import nemo.mqtt.emitter.state.StatePolicy;
import nemo.mqtt.emitter.state.ToolState;

/**
 * Stores an event, its seq, the tool's new state and the outbox rows of every message it causes
 * (the event's topic; when the state or the next reservation changed, the retained status and display; when
 * the next reservation changed, the retained next) in one transaction: accepted means it will be published.
 */
@ApplicationScoped
public class EventStore {

    /** The outcome a client sees; the same for a retry of the same event_id. */
    public record Accepted(UUID eventId, long toolId, long seq, boolean duplicate) {
    }

    private final ToolSequences sequences;
    private final EventRows rows;
    private final PayloadWriter payloads;
    private final Topics topics;
    private final RetainedMessages retained;

    EventStore(ToolSequences sequences, EventRows rows, PayloadWriter payloads, Topics topics, RetainedMessages retained) {
        this.sequences = sequences;
        this.rows = rows;
        this.payloads = payloads;
        this.topics = topics;
        this.retained = retained;
    }

    /**
     * Stores one event a client sent. A retry (same event_id, same event) answers the first result;
     * the same event_id with a different event fails with {@link EventIdReusedException}.
     */
    @WithTransaction
    public Uni<Accepted> accept(ToolEventDraft draft) {
        return acceptInTransaction(draft, -1);
    }

    /** All or nothing: every event of the batch is stored, in order, or none is (as {@link #accept} each). */
    @WithTransaction
    public Uni<List<Accepted>> acceptAll(List<ToolEventDraft> drafts) {
        Uni<List<Accepted>> chain = Uni.createFrom().item(new ArrayList<>());
        for (int i = 0; i < drafts.size(); i++) {
            ToolEventDraft draft = drafts.get(i);
            int index = i;
            chain = chain.chain(done -> acceptInTransaction(draft, index).map(accepted -> {
                done.add(accepted);
                return done;
            }));
        }
        return chain;
    }

    /**
     * Publishes a tool's next reservation (and its status, which shows it) again when the one it
     * showed has started: time, not an event, changed it. The messages get the tool's next seq, so
     * subscribers' order holds.
     */
    @WithTransaction
    public Uni<Boolean> refreshNext(long toolId, OffsetDateTime now) {
        return sequences.bump(toolId).chain(state -> {
            if (state == null) {
                return Uni.createFrom().item(false);
            }
            return Reservation.next(toolId, now).chain(next -> {
                if (!state.nextReservation(next)) {
                    return Uni.createFrom().item(false);
                }
                ToolEvent cause = new ToolEventDraft(null, nemo.mqtt.emitter.event.EventType.RESERVATION_UPDATED, toolId,
                        null, state.toolName, null, null, null, null, null, null, null, null, null, null)
                        .withIdentity(UUID.randomUUID(), state.lastSeq, now());
                return rows.insert(cause, null, retained.all(state, cause)).call(() -> release(state)).replaceWith(true);
            });
        });
    }

    /**
     * Publishes a tool's status again, inside the caller's transaction, when time alone changed what
     * it shows (a delayed logoff passed: StatePolicy#conditionOf at {@code now}). The messages get
     * the tool's next seq; answers whether the condition changed (false: nothing written).
     */
    public Uni<Boolean> refreshCondition(long toolId, OffsetDateTime now) {
        return sequences.bump(toolId).chain(state -> {
            if (state == null) {
                return Uni.createFrom().item(false);
            }
            String condition = StatePolicy.conditionOf(state, now).wireName();
            if (condition.equals(state.state)) {
                return release(state).replaceWith(false);
            }
            state.state = condition;
            state.stateSince = state.delayedLogoffUntil != null && !state.delayedLogoffUntil.isAfter(now)
                    ? state.delayedLogoffUntil : now;
            state.updatedAt = now;
            ToolEvent cause = new ToolEventDraft(null, nemo.mqtt.emitter.event.EventType.TOOL_DISABLED, toolId,
                    null, state.toolName, null, null, null, null, null, null, null, null, null, null)
                    .withIdentity(UUID.randomUUID(), state.lastSeq, now());
            return rows.insert(cause, null, retained.status(state, cause)).call(() -> release(state)).replaceWith(true);
        });
    }

    /**
     * For callers that already hold a transaction and commit their own records with the event (the
     * NEMO poller). Its ids are deterministic and several sources may report one event a little
     * differently, so a stored event_id is always a duplicate here, never refused.
     */
    public Uni<Accepted> acceptWithin(ToolEventDraft draft) {
        return acceptInTransaction(draft, null);
    }

    /** {@code index}: where a reused event_id is reported (-1 single, else the batch index); null: never refused. */
    private Uni<Accepted> acceptInTransaction(ToolEventDraft draft, Integer index) {
        UUID eventId = draft.eventId() != null ? draft.eventId() : UUID.randomUUID();
        OffsetDateTime at = now();
        String fingerprint = draft.fingerprint();
        return sequences.claim(draft.toolId(), eventId, at).chain(state -> state == null
                ? StoredEvent.findByEventId(eventId).map(existing -> {
                    if (index != null && existing.requestHash != null && !existing.requestHash.equals(fingerprint)) {
                        throw new EventIdReusedException(eventId, index);
                    }
                    return new Accepted(existing.eventId, existing.toolId, existing.seq, true);
                })
                : store(draft.withIdentity(eventId, state.lastSeq, at), fingerprint, state));
    }

    private Uni<Accepted> store(ToolEvent reported, String fingerprint, ToolState state) {
        boolean created = reported.seq() == 1;
        boolean changed = StatePolicy.apply(state, reported) || created;
        // the tool's name, from an earlier event when this one left it out (or is a child's)
        ToolEvent event = reported.toolName() == null && state.toolName != null
                ? reported.withToolName(state.toolName) : reported;
        Uni<Boolean> nextChanged = event.event().isReservation()
                ? Reservations.record(event).chain(() -> Reservation.next(event.toolId(), event.timestamp()))
                        .map(state::nextReservation)
                : Uni.createFrom().item(false);
        return nextChanged.chain(next -> {
            String payload = payloads.event(event);
            List<EventRows.Message> messages = new ArrayList<>();
            topics.forEvent(event).ifPresent(topic -> messages.add(new EventRows.Message(topic, payload, false)));
            if (changed || next) {
                messages.addAll(retained.status(state, event));
            }
            if (next) {
                messages.add(retained.next(state, event));
            }
            return rows.insert(event, payload, fingerprint, messages);
        }).call(() -> release(state)).replaceWith(new Accepted(event.eventId(), event.toolId(), event.seq(), false));
    }

    /**
     * Writes the state now and forgets it, so the next event of this transaction (a batch, the poller)
     * reads the row again through {@link ToolSequences#claim}; a single event's commit has nothing left to flush.
     */
    private static Uni<Void> release(ToolState state) {
        return Panache.getSession().chain(session -> session.flush().invoke(() -> session.detach(state)));
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
