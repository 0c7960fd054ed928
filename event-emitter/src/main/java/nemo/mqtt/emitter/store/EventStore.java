package nemo.mqtt.emitter.store;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import nemo.mqtt.emitter.event.Shards;
import nemo.mqtt.emitter.event.ToolEvent;
import nemo.mqtt.emitter.event.ToolEventDraft;
import nemo.mqtt.emitter.state.Reservation;
import nemo.mqtt.emitter.state.Reservations;
import nemo.mqtt.emitter.state.StatePolicy;
import nemo.mqtt.emitter.state.ToolState;

/**
 * Stores an event, its seq, the tool's new state and the outbox rows of every message it causes
 * ({@link EventMessages}) in one transaction: accepted means it will be published. Clients' events
 * go through the group commit ({@link GroupCommit}: requests arriving together share a transaction,
 * on the reactive PostgreSQL client), as does the next-reservation refresh ({@link #refreshNext}, its
 * own transaction); events of a caller's own Hibernate transaction (the NEMO poller, the change data
 * capture and its timed condition refresh) are still written in that session.
 */
@ApplicationScoped
public class EventStore {

    /** The outcome a client sees; the same for a retry of the same event_id. */
    public record Accepted(UUID eventId, long toolId, long seq, boolean duplicate) {}

    @Inject
    ToolSequences sequences;

    @Inject
    EventRows rows;

    @Inject
    EventMessages messages;

    @Inject
    RetainedMessages retained;

    @Inject
    GroupCommit groups;

    @Inject
    Pool pool;

    @Inject
    Shards shards;

    /**
     * Stores one event a client sent. A retry (same event_id, same event) answers the first result;
     * the same event_id with a different event fails with {@link EventIdReusedException}. Its own
     * transaction (shared with other requests of its group), never the caller's; answered after commit.
     */
    public Uni<Accepted> accept(ToolEventDraft draft) {
        return groups.submit(List.of(draft), PendingRequest.Reuse.REFUSED).map(accepted -> accepted.get(0));
    }

    /** All or nothing: every event of the batch is stored, in order, or none is (as {@link #accept} each). */
    public Uni<List<Accepted>> acceptAll(List<ToolEventDraft> drafts) {
        return groups.submit(drafts, PendingRequest.Reuse.REFUSED_AT_INDEX);
    }

    /**
     * Stores the events a NEMO source read from NEMO's committed rows, all or nothing and in order, in
     * their own transaction (shared with other requests' group, committed when this answers). Their
     * ids are NemoEventIds: a stored event_id is a duplicate, never refused (a replay after a restart,
     * or the poller's report of the same transition).
     */
    public Uni<List<Accepted>> acceptReported(List<ToolEventDraft> drafts) {
        return drafts.isEmpty()
                ? Uni.createFrom().item(List.of())
                : groups.submit(drafts, PendingRequest.Reuse.DUPLICATE);
    }

    /**
     * Publishes a tool's next reservation (and its status, which shows it) again when the one it
     * showed has started: time, not an event, changed it. The messages get the tool's next seq, so
     * subscribers' order holds. Its own transaction, with the tool's state row locked; answers
     * whether anything was written (false: the tool has no state, or its next reservation is the same).
     */
    public Uni<Boolean> refreshNext(long toolId, OffsetDateTime now) {
        return pool.withTransaction(connection -> ToolStateRows.lock(connection, toolId)
                .chain(state -> state == null
                        ? Uni.createFrom().item(false)
                        : ReservationRows.next(connection, toolId, now).chain(next -> {
                            if (!state.nextReservation(next)) {
                                return Uni.createFrom().item(false);
                            }
                            state.lastSeq++;
                            ToolEvent cause = ToolEvent.cause(
                                    nemo.mqtt.emitter.event.EventType.RESERVATION_UPDATED,
                                    toolId,
                                    state.toolName,
                                    state.lastSeq,
                                    now());
                            return new EventWrites()
                                    .messages(cause, shards.streamKey(toolId), retained.all(state, cause))
                                    .execute(connection, cause.timestamp())
                                    .chain(() -> connection
                                            .preparedQuery(ToolStateRows.UPDATE)
                                            .execute(ToolStateRows.values(state)))
                                    .replaceWith(true);
                        })));
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
                    ? state.delayedLogoffUntil
                    : now;
            state.updatedAt = now;
            ToolEvent cause = ToolEvent.cause(
                    nemo.mqtt.emitter.event.EventType.TOOL_DISABLED, toolId, state.toolName, state.lastSeq, now());
            return rows.insert(cause, null, retained.status(state, cause))
                    .call(() -> release(state))
                    .replaceWith(true);
        });
    }

    /**
     * For callers that already hold a transaction and commit their own records with the event (the
     * NEMO poller). Its ids are deterministic and several sources may report one event a little
     * differently, so a stored event_id is always a duplicate here, never refused.
     */
    public Uni<Accepted> acceptWithin(ToolEventDraft draft) {
        return acceptInTransaction(draft);
    }

    private Uni<Accepted> acceptInTransaction(ToolEventDraft draft) {
        UUID eventId = draft.eventId() != null ? draft.eventId() : UUID.randomUUID();
        OffsetDateTime at = now();
        return sequences
                .claim(draft.toolId(), eventId, at)
                .chain(state -> state == null
                        ? StoredEvent.findByEventId(eventId)
                                .map(existing -> new Accepted(existing.eventId, existing.toolId, existing.seq, true))
                        : store(draft.withIdentity(eventId, state.lastSeq, at), draft.fingerprint(), state));
    }

    private Uni<Accepted> store(ToolEvent reported, String fingerprint, ToolState state) {
        boolean changed = StatePolicy.apply(state, reported) || reported.seq() == 1;
        ToolEvent event = EventMessages.named(reported, state);
        Uni<Boolean> nextChanged = event.event().isReservation()
                ? Reservations.record(event)
                        .chain(() -> Reservation.next(event.toolId(), event.timestamp()))
                        .map(state::nextReservation)
                : Uni.createFrom().item(false);
        return nextChanged
                .chain(next -> {
                    EventMessages.Written written = messages.of(event, state, changed, next);
                    return rows.insert(event, written.payload(), fingerprint, written.messages());
                })
                .call(() -> release(state))
                .replaceWith(new Accepted(event.eventId(), event.toolId(), event.seq(), false));
    }

    /**
     * Writes the state now and forgets it, so the next event of this transaction (a batch, the poller)
     * reads the row again through {@link ToolSequences#claim}; a single event's commit has nothing left to flush.
     */
    private static Uni<Void> release(ToolState state) {
        return Panache.getSession().chain(session -> session.flush().invoke(() -> session.detach(state)));
    }

    /**
     * A unique key was taken by a concurrent transaction (the same event_id sent twice at once), or
     * PostgreSQL broke a deadlock between two (two groups storing one event_id each first): a retry succeeds.
     */
    public static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException
                    || (t instanceof io.vertx.pgclient.PgException pg
                            && ("23505".equals(pg.getSqlState()) || "40P01".equals(pg.getSqlState())))) {
                return true;
            }
        }
        return false;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
