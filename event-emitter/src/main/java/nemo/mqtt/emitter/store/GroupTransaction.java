package nemo.mqtt.emitter.store;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

import nemo.mqtt.emitter.event.Shards;
import nemo.mqtt.emitter.event.ToolEvent;
import nemo.mqtt.emitter.event.ToolEventDraft;
import nemo.mqtt.emitter.state.StatePolicy;
import nemo.mqtt.emitter.state.ToolState;

/**
 * The transaction of one group commit, on one connection. When every tool with new events has its
 * state in {@link ToolStateCache}, in ONE round trip: the history and outbox rows with the tools' new
 * states, one statement that locks the rows in ascending tool_id, on the condition that they are
 * still as kept (same last_seq and updated_at), sent as a transaction of its own; with BEGIN before
 * it and COMMIT after it when reservation events add their statements. When that condition fails,
 * or an event_id was stored before (a client's retry), nothing of it stays and the group takes the
 * path that reads, in two round trips: BEGIN, the group's event_ids already stored (one select) and
 * the seqs of every tool with new events (one statement, rows locked in ascending tool_id so concurrent
 * groups cannot deadlock on them) go out together; then, after each new event went through its
 * tool's state in order, the history and outbox rows with the tools' new states and COMMIT. The seqs
 * are claimed before the stored ids are known, as if every event were new; when some were stored
 * before, the transaction is rolled back and the group runs again with the select first.
 * Reservation events also read and write the reservation table, one statement each.
 *
 * <p>BEGIN and COMMIT travel with the statements ({@link PipelinedTransaction}); after any failure
 * inside BEGIN the connection gets a ROLLBACK before it goes back to the pool (a failed statement
 * sent alone leaves no transaction behind). The write sent alone relies on that rule: on a connection
 * returned inside a transaction block it would join that transaction instead of committing. {@link
 * #runWithin} runs the path that reads inside a transaction its caller holds (the NEMO poller's, the
 * capture clock's).
 */
@ApplicationScoped
class GroupTransaction {

    private static final String STORED =
            "select event_id, tool_id, seq, request_hash from tool_event where event_id = any($1)";

    /** A new tool starts idle at seq 0 + its event count; a known one is bumped by its count. */
    private static final String CLAIM = """
            insert into tool_state as t (tool_id, state, state_since, last_seq, updated_at)
            select u.tool_id, 'idle', $3, u.n, $3 from unnest($1::bigint[], $2::bigint[]) as u(tool_id, n) order by u.tool_id
            on conflict (tool_id) do update set last_seq = t.last_seq + excluded.last_seq, updated_at = excluded.updated_at
            returning t.*""";

    @Inject
    EventMessages messages;

    @Inject
    Shards shards;

    @Inject
    ToolStateCache cache;

    @Inject
    MeterRegistry registry;

    private Counter oneTrip;
    private Counter readAgain;

    @PostConstruct
    void counters() {
        oneTrip = Counter.builder("nemo.events.group.one.trip")
                .description("Group commits written in one round trip from the tool states in memory")
                .register(registry);
        readAgain = Counter.builder("nemo.events.group.read.again")
                .description("Group commits whose one-round-trip write found a tool state changed by another"
                        + " writer, or an event_id stored before, and that were written again after reading them")
                .register(registry);
    }

    /**
     * Stores the new events of {@code requests} with their outbox rows and states, in one transaction
     * on {@code connection} (outside any transaction block), committed before the answer; gives the
     * plan (each request's outcome). Fails, with nothing of the group stored, if a statement fails.
     */
    Uni<GroupPlan> run(SqlConnection connection, List<PendingRequest> requests, OffsetDateTime at) {
        // deferred: an exception of our own code becomes a failed Uni, so the pool gets the connection back
        return Uni.createFrom().deferred(() -> inOneTripOrReadingFirst(connection, requests, at));
    }

    private Uni<GroupPlan> inOneTripOrReadingFirst(
            SqlConnection connection, List<PendingRequest> requests, OffsetDateTime at) {
        GroupPlan plan = new GroupPlan(requests, Map.of());
        Map<Long, Integer> counts = plan.countsPerTool();
        Map<Long, ToolState> kept = counts.isEmpty() ? null : cache.copies(counts.keySet());
        if (kept == null) {
            return readingFirst(connection, requests, counts, at);
        }
        return inOneTrip(connection, plan, counts, kept, at)
                .invoke(() -> oneTrip.increment())
                .onFailure(GroupTransaction::needsReading)
                .recoverWithUni(failure -> {
                    readAgain.increment();
                    cache.forget(counts.keySet());
                    return readingFirst(connection, requests, counts, at);
                });
    }

    /**
     * {@code plan} (made as if none of its events were stored) written from {@code states} (copies of
     * the kept ones, by ascending tool_id) if their rows are unchanged, in one round trip.
     */
    private Uni<GroupPlan> inOneTrip(
            SqlConnection connection,
            GroupPlan plan,
            Map<Long, Integer> counts,
            Map<Long, ToolState> states,
            OffsetDateTime at) {
        Map<Long, ToolStateRows.Version> before = new HashMap<>();
        Map<Long, Long> nextSeq = new HashMap<>();
        for (ToolState state : states.values()) {
            before.put(state.toolId, ToolStateRows.Version.of(state));
            nextSeq.put(state.toolId, state.lastSeq + 1);
            // as the claim of the path that reads would leave the row
            state.lastSeq += counts.get(state.toolId);
            state.updatedAt = at;
        }
        plan.slots.forEach(slot -> slot.seq = nextSeq.merge(slot.draft.toolId(), 1L, Long::sum) - 1);
        Writes writes = new Writes(connection, plan.slots, states, before, at);
        if (plan.slots.stream().noneMatch(slot -> slot.draft.event().isReservation())) {
            // the write is then one statement: its own transaction, committed at its Sync (a failed one
            // leaves no transaction behind to roll back)
            return writes.run(Commit.IMPLICIT).replaceWith(plan);
        }
        return PipelinedTransaction.rollingBackOnFailure(
                connection,
                Uni.combine()
                        .all()
                        .unis(PipelinedTransaction.begin(connection), writes.run(Commit.EXPLICIT))
                        .discardItems()
                        .replaceWith(plan));
    }

    /** How a group's write ends. */
    private enum Commit {
        /** A COMMIT goes out with the write: the transaction began with a BEGIN. */
        EXPLICIT,
        /**
         * Nothing more: the write is one statement sent outside any transaction block, which
         * PostgreSQL runs as a transaction of its own and commits before it answers (the extended
         * query protocol's Sync; PostgreSQL's docs, "Extended Query"): two simple queries fewer than
         * BEGIN and COMMIT around it, and their answers.
         */
        IMPLICIT,
        /** Nothing: the caller's transaction goes on, and the caller commits it. */
        CALLERS
    }

    /**
     * Whether the one-trip write failed for want of reading: a row's version changed (40001, V14), or
     * a conflict {@link EventStore#isConflict} names (an event_id stored before, a deadlock broken).
     */
    private static boolean needsReading(Throwable failure) {
        return EventStore.isConflict(failure) || failure instanceof PgException pg && "40001".equals(pg.getSqlState());
    }

    /**
     * {@link #run}'s path that reads the stored event_ids and claims the seqs first, in two round trips;
     * {@code claimed}: the new events per tool as if none were stored (the plan without stored ids).
     */
    private Uni<GroupPlan> readingFirst(
            SqlConnection connection, List<PendingRequest> requests, Map<Long, Integer> claimed, OffsetDateTime at) {
        UUID[] ids = requests.stream().flatMap(r -> r.eventIds.stream()).toArray(UUID[]::new);
        Uni<GroupPlan> work = Uni.combine()
                .all()
                .unis(
                        PipelinedTransaction.begin(connection),
                        connection.preparedQuery(STORED).execute(Tuple.of(ids)),
                        connection.preparedQuery(CLAIM).execute(claim(claimed, at)))
                .asTuple()
                .chain(answers -> {
                    GroupPlan plan = new GroupPlan(requests, stored(answers.getItem2()));
                    if (!plan.countsPerTool().equals(claimed)) {
                        // some were stored before: claim again, knowing which
                        return PipelinedTransaction.rollback(connection)
                                .chain(() -> PipelinedTransaction.begin(connection))
                                .chain(() -> connection.preparedQuery(STORED).execute(Tuple.of(ids)))
                                .chain(rows ->
                                        claimAndWrite(connection, new GroupPlan(requests, stored(rows)), at, true));
                    }
                    return write(connection, plan, at, claimed, answers.getItem3(), true);
                });
        return PipelinedTransaction.rollingBackOnFailure(connection, work);
    }

    /**
     * Stores the new events of {@code requests} as {@link #run} does, inside the transaction the
     * caller holds on {@code connection} (which it commits): the stored event_ids are read first, so
     * nothing needs a rollback, at the cost of one more round trip. Fails if a statement fails.
     */
    Uni<GroupPlan> runWithin(SqlConnection connection, List<PendingRequest> requests, OffsetDateTime at) {
        // the caller commits later, or not: what the group commit keeps of these tools would be stale
        cache.forget(requests.stream()
                .flatMap(r -> r.drafts.stream())
                .map(ToolEventDraft::toolId)
                .toList());
        UUID[] ids = requests.stream().flatMap(r -> r.eventIds.stream()).toArray(UUID[]::new);
        return connection
                .preparedQuery(STORED)
                .execute(Tuple.of(ids))
                .chain(rows -> claimAndWrite(connection, new GroupPlan(requests, stored(rows)), at, false));
    }

    /** Claims the seqs of {@code plan}'s new events, then writes (and commits if {@code commit}). */
    private Uni<GroupPlan> claimAndWrite(SqlConnection connection, GroupPlan plan, OffsetDateTime at, boolean commit) {
        if (plan.slots.isEmpty()) {
            return (commit
                            ? PipelinedTransaction.commit(connection)
                            : Uni.createFrom().voidItem())
                    .replaceWith(plan);
        }
        Map<Long, Integer> counts = plan.countsPerTool();
        return connection
                .preparedQuery(CLAIM)
                .execute(claim(counts, at))
                .chain(rows -> write(connection, plan, at, counts, rows, commit));
    }

    private Uni<GroupPlan> write(
            SqlConnection connection,
            GroupPlan plan,
            OffsetDateTime at,
            Map<Long, Integer> counts,
            RowSet<Row> claim,
            boolean commit) {
        Map<Long, ToolState> states = claimed(plan, counts, claim);
        return new Writes(connection, plan.slots, states, null, at)
                .run(commit ? Commit.EXPLICIT : Commit.CALLERS)
                .replaceWith(plan);
    }

    private static Map<UUID, GroupPlan.Stored> stored(RowSet<Row> rows) {
        Map<UUID, GroupPlan.Stored> stored = new HashMap<>();
        rows.forEach(row -> stored.put(
                row.getUUID("event_id"),
                new GroupPlan.Stored(row.getLong("tool_id"), row.getLong("seq"), row.getString("request_hash"))));
        return stored;
    }

    /** {@link #CLAIM}'s parameters: {@code counts} of new events per tool, ascending tool_id. */
    private static Tuple claim(Map<Long, Integer> counts, OffsetDateTime at) {
        Long[] tools = counts.keySet().toArray(Long[]::new);
        Long[] n = counts.values().stream().map(Integer::longValue).toArray(Long[]::new);
        return Tuple.of(tools, n, at);
    }

    /** Each tool's state, locked, with {@code lastSeq} bumped by its new events; sets every slot's seq. */
    private static Map<Long, ToolState> claimed(GroupPlan plan, Map<Long, Integer> counts, RowSet<Row> rows) {
        Map<Long, ToolState> states = new HashMap<>();
        Map<Long, Long> nextSeq = new HashMap<>();
        for (Row row : rows) {
            ToolState state = ToolStateRows.from(row);
            states.put(state.toolId, state);
            nextSeq.put(state.toolId, state.lastSeq - counts.get(state.toolId) + 1);
        }
        plan.slots.forEach(slot -> slot.seq = nextSeq.merge(slot.draft.toolId(), 1L, Long::sum) - 1);
        return states;
    }

    /**
     * The new events applied in order to their tools' states, then written: if {@code before} is
     * not null, only where each tool's row still has the version it gives ({@link
     * EventWrites#statesIfUnchanged}). States committed here are kept in {@link ToolStateCache}.
     */
    private final class Writes {
        private final SqlConnection connection;
        private final List<GroupPlan.Slot> slots;
        private final Map<Long, ToolState> states;
        private final Map<Long, ToolStateRows.Version> before;
        private final OffsetDateTime at;
        private final List<EventMessages.Written> written = new ArrayList<>();

        Writes(
                SqlConnection connection,
                List<GroupPlan.Slot> slots,
                Map<Long, ToolState> states,
                Map<Long, ToolStateRows.Version> before,
                OffsetDateTime at) {
            this.connection = connection;
            this.slots = slots;
            this.states = states;
            this.before = before;
            this.at = at;
        }

        /**
         * Applies and writes once subscribed (after a BEGIN subscribed before it, unless {@code commit}
         * is {@link Commit#IMPLICIT}), ending as {@code commit} says.
         */
        Uni<Void> run(Commit commit) {
            Uni<Void> work = Uni.createFrom().deferred(() -> applyFrom(0)).chain(() -> write(commit));
            return commit == Commit.CALLERS ? work : work.invoke(() -> cache.committed(states.values()));
        }

        /** Applies slots from {@code index} on; a reservation event waits for its reads and writes, others need none. */
        private Uni<Void> applyFrom(int index) {
            for (int i = index; i < slots.size(); i++) {
                GroupPlan.Slot slot = slots.get(i);
                ToolState state = states.get(slot.draft.toolId());
                ToolEvent reported = slot.draft.withIdentity(slot.eventId, slot.seq, at);
                boolean changed = StatePolicy.apply(state, reported) || slot.seq == 1;
                ToolEvent event = EventMessages.named(reported, state);
                if (event.event().isReservation()) {
                    int next = i + 1;
                    return ReservationRows.record(connection, event)
                            .chain(() -> ReservationRows.next(connection, event.toolId(), event.timestamp()))
                            .chain(reservation -> {
                                written.add(messages.of(event, state, changed, state.nextReservation(reservation)));
                                return applyFrom(next);
                            });
                }
                written.add(messages.of(event, state, changed, false));
            }
            return Uni.createFrom().voidItem();
        }

        private Uni<Void> write(Commit commit) {
            EventWrites rows = new EventWrites();
            for (int i = 0; i < written.size(); i++) {
                EventMessages.Written w = written.get(i);
                rows.history(w.event(), w.payload(), slots.get(i).fingerprint)
                        .messages(w.event(), shards.streamKey(w.event().toolId()), w.messages());
            }
            if (before == null) {
                rows.states(states.values());
            } else {
                rows.statesIfUnchanged(states.values(), before);
            }
            if (commit != Commit.EXPLICIT) {
                return rows.execute(connection, at);
            }
            // sent at once (with the COMMIT): the client pipelines them on the connection, one round trip
            return Uni.combine()
                    .all()
                    .unis(rows.execute(connection, at), PipelinedTransaction.commit(connection))
                    .discardItems();
        }
    }
}
