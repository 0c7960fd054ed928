package nemo.mqtt.emitter.store;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import nemo.mqtt.emitter.event.ToolEvent;
import nemo.mqtt.emitter.state.ToolState;

/**
 * The history rows of accepted events, their outbox rows (one per event, with every message it
 * causes) and the tools' new states, collected in order and written in ONE statement (arrays, so one
 * prepared statement whatever their number) on the caller's connection, inside its transaction or as
 * a transaction of its own. The rows are inserted in the order added, so outbox ids grow with seq per
 * tool (the relay's order).
 */
public final class EventWrites {

    /** One message an event causes, published to {@code topic}, retained or not. */
    public record Message(String topic, String payload, boolean retain) {}

    /** The history rows, $1-$6 and $15; {@code %s}: a condition they are inserted on (a WHERE clause, or nothing). */
    private static final String HISTORY = """
            history as (
                insert into tool_event (event_id, tool_id, seq, event_type, payload, request_hash, received_at)
                select e.event_id, e.tool_id, e.seq, e.event_type, e.payload, e.request_hash, $15
                from unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[])
                    with ordinality as e(event_id, tool_id, seq, event_type, payload, request_hash, n)%s
                order by e.n)""";

    /** Each outbox row's messages as arrays, in the order added; $11 gives each message's row (from 1). */
    private static final String MESSAGES = """
            messages as (
                select m.event, array_agg(m.topic order by m.n) as topics, array_agg(m.payload order by m.n) as payloads,
                    array_agg(m.retain order by m.n) as retains
                from unnest($11::int[], $12::text[], $13::text[], $14::bool[])
                    with ordinality as m(event, topic, payload, retain, n)
                group by m.event)""";

    /** One row per event with messages, $7-$10 (its place in them is WITH ORDINALITY's n). */
    private static final String OUTBOX = """
            insert into outbox (event_id, tool_id, seq, stream_key, topics, payloads, retains, qos, created_at)
            select o.event_id, o.tool_id, o.seq, o.stream_key, m.topics, m.payloads, m.retains, 1, $15
            from unnest($7::uuid[], $8::bigint[], $9::bigint[], $10::text[])
                with ordinality as o(event_id, tool_id, seq, stream_key, n)
            join messages m on m.event = o.n
            order by o.n""";

    /** The history and outbox rows. */
    private static final String INSERT = "with " + HISTORY.formatted("") + ",\n" + MESSAGES + "\n" + OUTBOX;

    /** The history and outbox rows, and the tools' states from $16 on ({@link ToolStateRows#arrays}). */
    static final String INSERT_AND_UPDATE = "with " + HISTORY.formatted("") + ",\n" + MESSAGES + ",\nstates as ("
            + ToolStateRows.updateFromArrays(16) + ")\n" + OUTBOX;

    /**
     * The tools' states from $16 on if none changed ({@link ToolStateRows#lockAndUpdateIfUnchangedFromArrays}),
     * and the history and outbox rows: when fewer rows than the tools given (the parameter after the
     * states') were updated, the history insert's condition fails the statement with SQLSTATE 40001
     * (V14's {@code tool_states_unchanged}) and nothing of it stays. PostgreSQL runs the outbox insert
     * (the main statement) first and the data-modifying WITH clauses after it; the condition reads
     * {@code states} to its end before the first history row.
     */
    static final String UPDATE_IF_UNCHANGED_AND_INSERT = "with " + ToolStateRows.lockAndUpdateIfUnchangedFromArrays(16)
            + ",\n"
            + HISTORY.formatted("\n    where (select tool_states_unchanged(count(*), $"
                    + (16 + ToolStateRows.IF_UNCHANGED_ARRAYS) + ") from states)")
            + ",\n" + MESSAGES + "\n" + OUTBOX;

    /**
     * The element type of each parameter array: the history columns ($1-$6), the outbox rows' ($7-$10),
     * their messages' ($11-$14).
     */
    private static final List<Class<?>> HISTORY_TYPES =
            List.of(UUID.class, Long.class, Long.class, String.class, String.class, String.class);

    private static final List<Class<?>> OUTBOX_TYPES = List.of(UUID.class, Long.class, Long.class, String.class);

    private static final List<Class<?>> MESSAGE_TYPES =
            List.of(Integer.class, String.class, String.class, Boolean.class);

    private final ArrayColumns history = new ArrayColumns(HISTORY_TYPES);

    private final ArrayColumns outbox = new ArrayColumns(OUTBOX_TYPES);

    private final ArrayColumns messages = new ArrayColumns(MESSAGE_TYPES);

    private final List<ToolState> states = new ArrayList<>();

    /** Each tool's version its row must still have ({@link #statesIfUnchanged}), or null: written whatever it has. */
    private Map<Long, ToolStateRows.Version> before;

    /**
     * Adds {@code event}'s history row with {@code payload} (the event's message as published) and
     * {@code requestHash} (ToolEventDraft#fingerprint; null when the event was not reported).
     */
    public EventWrites history(ToolEvent event, String payload, String requestHash) {
        history.add(event.eventId(), event.toolId(), event.seq(), event.event().wireName(), payload, requestHash);
        return this;
    }

    /**
     * Adds {@code event}'s outbox row for the stream {@code streamKey}, carrying {@code messages} in
     * publishing order; nothing when there are none.
     */
    public EventWrites messages(ToolEvent event, String streamKey, List<EventWrites.Message> messages) {
        if (messages.isEmpty()) {
            return this;
        }
        outbox.add(event.eventId(), event.toolId(), event.seq(), streamKey);
        int row = outbox.rows(); // its place in the row arrays, as WITH ORDINALITY counts
        for (EventWrites.Message message : messages) {
            this.messages.add(row, message.topic(), message.payload(), message.retain());
        }
        return this;
    }

    /** Adds the rows of {@code tools} (each tool once) to be written as they are now, in the same statement. */
    public EventWrites states(Collection<ToolState> tools) {
        states.addAll(tools);
        return this;
    }

    /**
     * Adds the rows of {@code tools} (each tool once, each with a row already) to be written as they
     * are now, in the same statement, if each row still has the version {@code before} gives for its
     * tool_id: otherwise the statement fails with SQLSTATE 40001 (serialization_failure) and writes
     * nothing. Replaces what {@link #states} added.
     */
    EventWrites statesIfUnchanged(Collection<ToolState> tools, Map<Long, ToolStateRows.Version> before) {
        states.clear();
        states.addAll(tools);
        this.before = before;
        return this;
    }

    /** Writes every row added, received and created at {@code at}; fails if the statement fails. */
    public Uni<Void> execute(SqlConnection connection, OffsetDateTime at) {
        List<Object> parameters = new ArrayList<>(history.arrays());
        parameters.addAll(outbox.arrays());
        parameters.addAll(messages.arrays());
        parameters.add(at);
        String statement = INSERT;
        if (before != null) {
            parameters.addAll(ToolStateRows.arraysIfUnchanged(states, before));
            parameters.add(states.size());
            statement = UPDATE_IF_UNCHANGED_AND_INSERT;
        } else if (!states.isEmpty()) {
            parameters.addAll(ToolStateRows.arrays(states));
            statement = INSERT_AND_UPDATE;
        }
        return connection
                .preparedQuery(statement)
                .execute(Tuple.from(parameters))
                .replaceWithVoid();
    }
}
