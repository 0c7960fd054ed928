package nemo.mqtt.emitter.store;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.event.Shards;
import nemo.mqtt.emitter.event.ToolEvent;
import nemo.mqtt.emitter.event.ToolEventDraft;
import nemo.mqtt.emitter.state.StatePolicy;
import nemo.mqtt.emitter.state.ToolState;

/**
 * Stores an event, its seq, the tool's new state and its outbox row (every message it causes,
 * {@link EventMessages}) in one transaction: accepted means it will be published. Clients' events
 * go through the group commit ({@link GroupCommit}: requests arriving together share a transaction,
 * on the reactive PostgreSQL client); the NEMO poller and the capture's clock store theirs inside
 * their own transaction with the same statements ({@link #acceptWithin}); the next-reservation
 * refresh ({@link #refreshNext}) runs in a transaction of its own.
 */
@ApplicationScoped
public class EventStore {

    /** The outcome a client sees; the same for a retry of the same event_id. */
    public record Accepted(UUID eventId, long toolId, long seq, boolean duplicate) {}

    @Inject
    EventMessages messages;

    @Inject
    RetainedMessages retained;

    @Inject
    GroupCommit groups;

    @Inject
    GroupTransaction transaction;

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
                        : ReservationRows.next(connection, toolId, now)
                                .chain(next -> state.nextReservation(next)
                                        ? republish(connection, state, EventType.RESERVATION_UPDATED, retained::all)
                                        : Uni.createFrom().item(false))));
    }

    /**
     * Publishes a tool's status again, inside the transaction the caller holds on {@code connection},
     * when time alone changed what it shows (a delayed logoff passed: StatePolicy#conditionOf at
     * {@code now}). The tool's state row stays locked until the caller commits; the messages get the
     * tool's next seq. Answers whether the condition changed (false: nothing written).
     */
    public Uni<Boolean> refreshCondition(SqlConnection connection, long toolId, OffsetDateTime now) {
        return ToolStateRows.lock(connection, toolId).chain(state -> {
            if (state == null) {
                return Uni.createFrom().item(false);
            }
            String condition = StatePolicy.conditionOf(state, now).wireName();
            if (condition.equals(state.state)) {
                return Uni.createFrom().item(false);
            }
            state.state = condition;
            state.stateSince = state.delayedLogoffUntil != null && !state.delayedLogoffUntil.isAfter(now)
                    ? state.delayedLogoffUntil
                    : now;
            state.updatedAt = now;
            return republish(connection, state, EventType.TOOL_DISABLED, retained::status);
        });
    }

    /**
     * Writes {@code state} with its next seq and the retained {@code messages} of a cause of
     * {@code type} that no client sent (no history row); answers true.
     */
    private Uni<Boolean> republish(
            SqlConnection connection,
            ToolState state,
            EventType type,
            BiFunction<ToolState, ToolEvent, List<EventWrites.Message>> messages) {
        state.lastSeq++;
        ToolEvent cause = ToolEvent.cause(type, state.toolId, state.toolName, state.lastSeq, now());
        return new EventWrites()
                .messages(cause, shards.streamKey(state.toolId), messages.apply(state, cause))
                .states(List.of(state))
                .execute(connection, cause.timestamp())
                .replaceWith(true);
    }

    /**
     * Stores the events a NEMO source reported ({@link #acceptReported}'s rules: a stored event_id is a
     * duplicate, never refused), in order, inside the transaction the caller holds on {@code
     * connection} and commits with its own records (the NEMO poller, the capture's clock). Answers one
     * result per draft.
     */
    public Uni<List<Accepted>> acceptWithin(SqlConnection connection, List<ToolEventDraft> drafts) {
        if (drafts.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return transaction
                .runWithin(connection, List.of(new PendingRequest(drafts, PendingRequest.Reuse.DUPLICATE)), now())
                .map(plan -> plan.outcomes.get(0).accepted());
    }

    /**
     * A unique key was taken by a concurrent transaction (the same event_id sent twice at once), or
     * PostgreSQL broke a deadlock between two (two groups storing one event_id each first): a retry succeeds.
     */
    public static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg
                    && ("23505".equals(pg.getSqlState()) || "40P01".equals(pg.getSqlState()))) {
                return true;
            }
        }
        return false;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
