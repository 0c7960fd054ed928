package nemo.mqtt.emitter.store;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import nemo.mqtt.emitter.event.Shards;
import nemo.mqtt.emitter.event.ToolEvent;
import nemo.mqtt.emitter.state.StatePolicy;
import nemo.mqtt.emitter.state.ToolState;

/**
 * The statements of one group commit, on one connection inside its transaction: the group's
 * event_ids already stored (one select), the seqs of every tool with new events (one statement,
 * rows locked in ascending tool_id so concurrent groups cannot deadlock on them), then, after each
 * new event went through its tool's state in order, the history and outbox rows (one statement) and
 * the tools' new states (one batch), sent together. Reservation events also read and write the
 * reservation table, one statement each.
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

    /** Rows in the order given, so outbox ids grow with seq per tool (the relay's order). */
    private static final String INSERT = """
            with history as (
                insert into tool_event (event_id, tool_id, seq, event_type, payload, request_hash, received_at)
                select e.event_id, e.tool_id, e.seq, e.event_type, e.payload, e.request_hash, $14
                from unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[])
                    with ordinality as e(event_id, tool_id, seq, event_type, payload, request_hash, n) order by e.n)
            insert into outbox (event_id, tool_id, seq, stream_key, topic, payload, qos, retain, created_at)
            select o.event_id, o.tool_id, o.seq, o.stream_key, o.topic, o.payload, 1, o.retain, $14
            from unnest($7::uuid[], $8::bigint[], $9::bigint[], $10::text[], $11::text[], $12::text[], $13::bool[])
                with ordinality as o(event_id, tool_id, seq, stream_key, topic, payload, retain, n) order by o.n""";

    @Inject
    EventMessages messages;

    @Inject
    Shards shards;

    /** Stores the new events of {@code requests} with their outbox rows and states; gives the plan (each request's outcome). */
    Uni<GroupPlan> run(SqlConnection connection, List<PendingRequest> requests, OffsetDateTime at) {
        UUID[] ids = requests.stream().flatMap(r -> r.eventIds.stream()).toArray(UUID[]::new);
        return connection.preparedQuery(STORED).execute(Tuple.of(ids)).chain(rows -> {
            Map<UUID, GroupPlan.Stored> stored = new HashMap<>();
            rows.forEach(row -> stored.put(
                    row.getUUID("event_id"),
                    new GroupPlan.Stored(row.getLong("tool_id"), row.getLong("seq"), row.getString("request_hash"))));
            GroupPlan plan = new GroupPlan(requests, stored);
            if (plan.slots.isEmpty()) {
                return Uni.createFrom().item(plan);
            }
            return claim(connection, plan, at)
                    .chain(states -> new Writes(connection, plan.slots, states, at).run())
                    .replaceWith(plan);
        });
    }

    /** Each tool's state, locked, with {@code lastSeq} bumped by its new events; sets every slot's seq. */
    private static Uni<Map<Long, ToolState>> claim(SqlConnection connection, GroupPlan plan, OffsetDateTime at) {
        Map<Long, Integer> counts = plan.countsPerTool();
        Long[] tools = counts.keySet().toArray(Long[]::new);
        Long[] n = counts.values().stream().map(Integer::longValue).toArray(Long[]::new);
        return connection.preparedQuery(CLAIM).execute(Tuple.of(tools, n, at)).map(rows -> {
            Map<Long, ToolState> states = new HashMap<>();
            Map<Long, Long> nextSeq = new HashMap<>();
            for (Row row : rows) {
                ToolState state = ToolStateRows.from(row);
                states.put(state.toolId, state);
                nextSeq.put(state.toolId, state.lastSeq - counts.get(state.toolId) + 1);
            }
            plan.slots.forEach(slot -> slot.seq = nextSeq.merge(slot.draft.toolId(), 1L, Long::sum) - 1);
            return states;
        });
    }

    /** The new events applied in order to their tools' states, then written. */
    private final class Writes {
        private final SqlConnection connection;
        private final List<GroupPlan.Slot> slots;
        private final Map<Long, ToolState> states;
        private final OffsetDateTime at;
        private final List<EventMessages.Written> written = new ArrayList<>();

        Writes(SqlConnection connection, List<GroupPlan.Slot> slots, Map<Long, ToolState> states, OffsetDateTime at) {
            this.connection = connection;
            this.slots = slots;
            this.states = states;
            this.at = at;
        }

        Uni<Void> run() {
            return applyFrom(0).chain(this::write);
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

        private Uni<Void> write() {
            int n = written.size();
            int m = written.stream().mapToInt(w -> w.messages().size()).sum();
            Object[][] e = {new UUID[n], new Long[n], new Long[n], new String[n], new String[n], new String[n]};
            Object[][] o = {
                new UUID[m], new Long[m], new Long[m], new String[m], new String[m], new String[m], new Boolean[m]
            };
            int k = 0;
            for (int i = 0; i < n; i++) {
                ToolEvent event = written.get(i).event();
                Object[] row = {
                    event.eventId(),
                    event.toolId(),
                    event.seq(),
                    event.event().wireName(),
                    written.get(i).payload(),
                    slots.get(i).fingerprint
                };
                for (int c = 0; c < row.length; c++) {
                    e[c][i] = row[c];
                }
                String stream = shards.streamKey(event.toolId());
                for (EventRows.Message message : written.get(i).messages()) {
                    Object[] out = {
                        event.eventId(),
                        event.toolId(),
                        event.seq(),
                        stream,
                        message.topic(),
                        message.payload(),
                        message.retain()
                    };
                    for (int c = 0; c < out.length; c++) {
                        o[c][k] = out[c];
                    }
                    k++;
                }
            }
            Object[] parameters = new Object[e.length + o.length + 1];
            System.arraycopy(e, 0, parameters, 0, e.length);
            System.arraycopy(o, 0, parameters, e.length, o.length);
            parameters[parameters.length - 1] = at;
            List<Tuple> stateRows =
                    states.values().stream().map(ToolStateRows::values).toList();
            // both sent at once: the client pipelines them on the connection, one round trip
            return Uni.combine()
                    .all()
                    .unis(
                            connection.preparedQuery(INSERT).execute(Tuple.from(parameters)),
                            connection.preparedQuery(ToolStateRows.UPDATE).executeBatch(stateRows))
                    .discardItems();
        }
    }
}
