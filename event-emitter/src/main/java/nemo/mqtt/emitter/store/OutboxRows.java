package nemo.mqtt.emitter.store;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The outbox statements of the relay, in plain SQL on the reactive client: one prepared statement
 * per step, whatever the batch's size (arrays, not IN lists), so nothing is planned again per run.
 * Every method runs on the caller's connection, inside its transaction.
 */
public final class OutboxRows {

    /** Uses the partial index outbox_unsent. */
    private static final String OLDEST_UNSENT = """
            select id, event_id, tool_id, seq, stream_key, topics, payloads, retains, qos
            from outbox where sent_at is null order by id limit $1""";

    /** Each row with the id of the last entry its run appended to its stream (null when none). */
    private static final String MARK_SENT = """
            update outbox o set sent_at = $1, stream_ms = u.ms, stream_seq = u.seq
            from unnest($2::bigint[], $3::bigint[], $4::bigint[]) as u(id, ms, seq)
            where o.id = u.id""";

    /** Uses the partial index outbox_stream_position. */
    private static final String LAST_SENT = """
            select stream_ms, stream_seq from outbox
            where stream_key = $1 and sent_at is not null and stream_ms is not null
            order by stream_ms desc, stream_seq desc limit 1""";

    private static final String MARK_UNSENT_AFTER = """
            update outbox set sent_at = null
            where stream_key = $1 and sent_at is not null and (stream_ms > $2 or (stream_ms = $2 and stream_seq > $3))""";

    private static final String BACKLOG = "select count(*), min(created_at) from outbox where sent_at is null";

    private OutboxRows() {}

    /** Up to {@code limit} unsent rows in id order: per tool, seq order (ids grow with seq per tool). */
    public static Uni<List<OutboxRow>> oldestUnsent(SqlConnection connection, int limit) {
        return connection.preparedQuery(OLDEST_UNSENT).execute(Tuple.of(limit)).map(rows -> {
            List<OutboxRow> unsent = new ArrayList<>(rows.size());
            for (Row row : rows) {
                String[] topics = row.getArrayOfStrings(5);
                String[] payloads = row.getArrayOfStrings(6);
                Boolean[] retains = row.getArrayOfBooleans(7);
                List<EventWrites.Message> messages = new ArrayList<>(topics.length);
                for (int i = 0; i < topics.length; i++) {
                    messages.add(new EventWrites.Message(topics[i], payloads[i], retains[i]));
                }
                unsent.add(new OutboxRow(
                        row.getLong(0),
                        row.getUUID(1),
                        row.getLong(2),
                        row.getLong(3),
                        row.getString(4),
                        messages,
                        row.getShort(8)));
            }
            return unsent;
        });
    }

    /**
     * Marks {@code sent} sent at {@code at}, each with the id of the last entry the run appended to its
     * stream ({@code lastPerStream}, by stream key; a stream missing from it leaves the position null).
     */
    public static Uni<Void> markSent(
            SqlConnection connection, List<OutboxRow> sent, OffsetDateTime at, Map<String, StreamId> lastPerStream) {
        Long[] ids = new Long[sent.size()];
        Long[] ms = new Long[sent.size()];
        Long[] seq = new Long[sent.size()];
        for (int i = 0; i < ids.length; i++) {
            OutboxRow row = sent.get(i);
            StreamId last = lastPerStream.get(row.streamKey());
            ids[i] = row.id();
            ms[i] = last == null ? null : last.ms();
            seq[i] = last == null ? null : last.seq();
        }
        return connection
                .preparedQuery(MARK_SENT)
                .execute(Tuple.of(at, ids, ms, seq))
                .replaceWithVoid();
    }

    /** Where {@code streamKey}'s newest sent row went, or null when no row knows. */
    public static Uni<StreamId> lastSent(SqlClient client, String streamKey) {
        return client.preparedQuery(LAST_SENT).execute(Tuple.of(streamKey)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            return new StreamId(row.getLong(0), row.getLong(1));
        });
    }

    /** Marks {@code streamKey}'s rows sent after entry {@code after} unsent again; answers how many. */
    public static Uni<Integer> markUnsentAfter(SqlConnection connection, String streamKey, StreamId after) {
        return connection
                .preparedQuery(MARK_UNSENT_AFTER)
                .execute(Tuple.of(streamKey, after.ms(), after.seq()))
                .map(rows -> rows.rowCount());
    }

    /** The backlog: how many rows are unsent, and when the oldest of them was written (null when none). */
    public static Uni<Backlog> backlog(SqlClient client) {
        return client.preparedQuery(BACKLOG).execute().map(rows -> {
            Row row = rows.iterator().next();
            return new Backlog(row.getLong(0), row.getOffsetDateTime(1));
        });
    }

    /** {@link #backlog}'s answer. */
    public record Backlog(long unsent, OffsetDateTime oldestCreatedAt) {}
}
