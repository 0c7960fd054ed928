package nemo.mqtt.emitter.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One of the emitter's bookkeeping tables keyed by a bigint (the NEMO poller's and the change data
 * capture's records of what they reported), read and written with plain SQL on the caller's client,
 * inside its transaction. Each statement is prepared once whatever the number of rows (arrays, not
 * IN lists).
 *
 * @param <R> the record a row is read into
 * @param name the table
 * @param columns its columns, the bigint primary key first
 * @param read a result row (all of {@code columns}) into a record
 * @param values a record's values in {@code columns}' order (Long, String, Boolean, OffsetDateTime or null)
 */
public record RowTable<R>(String name, List<String> columns, Function<Row, R> read, Function<R, List<Object>> values) {

    /** The rows whose key is in {@code ids}, in no order. */
    public Uni<List<R>> byIds(SqlClient client, Collection<Long> ids) {
        return where(client, columns.get(0) + " = any($1)", (Object) ids.toArray(Long[]::new));
    }

    /** The rows matching {@code condition} (SQL, with {@code $1}... for {@code parameters}); all when it is null. */
    public Uni<List<R>> where(SqlClient client, String condition, Object... parameters) {
        String sql = "select " + String.join(", ", columns) + " from " + name
                + (condition == null ? "" : " where " + condition);
        return client.preparedQuery(sql).execute(Tuple.from(parameters)).map(rows -> {
            List<R> found = new ArrayList<>(rows.size());
            rows.forEach(row -> found.add(read.apply(row)));
            return found;
        });
    }

    /**
     * Inserts {@code rows}, or updates every column of those whose key exists; one round trip. A row
     * deleted meanwhile is inserted again: callers are the only writer of their table (the poller's
     * advisory lock, the capture's lease).
     */
    public Uni<Void> upsert(SqlClient client, Collection<R> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> tuples = rows.stream().map(r -> Tuple.from(values.apply(r))).toList();
        return client.preparedQuery(upsert()).executeBatch(tuples).replaceWithVoid();
    }

    /** Deletes the rows whose key is in {@code ids}. */
    public Uni<Void> delete(SqlClient client, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("delete from " + name + " where " + columns.get(0) + " = any($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new)))
                .replaceWithVoid();
    }

    /** A record's key. */
    public long idOf(R row) {
        return (Long) values.apply(row).get(0);
    }

    private String upsert() {
        List<String> placeholders = new ArrayList<>();
        for (int i = 1; i <= columns.size(); i++) {
            placeholders.add("$" + i);
        }
        return "insert into " + name + " (" + String.join(", ", columns) + ") values ("
                + String.join(", ", placeholders) + ") on conflict (" + columns.get(0) + ") do update set "
                + columns.subList(1, columns.size()).stream()
                        .map(c -> c + " = excluded." + c)
                        .collect(Collectors.joining(", "));
    }
}
