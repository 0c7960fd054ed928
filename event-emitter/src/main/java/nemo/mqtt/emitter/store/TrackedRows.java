package nemo.mqtt.emitter.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The rows of one {@link RowTable} a transaction works on: those it read, added or removed, written
 * back together by {@link #write}. A row read is remembered with its values, so only the rows added,
 * or changed since they were read, are written. Also remembers keys read without a row, so asking
 * again costs no round trip. Not thread-safe: one transaction's work.
 *
 * @param <R> the table's record
 */
public final class TrackedRows<R> {

    private final RowTable<R> table;

    /** Per key: the row, or null when the table has none (read and not found, or removed). */
    private final Map<Long, R> rows = new LinkedHashMap<>();

    /** The values of each row as read; a row without them was added. */
    private final Map<Long, List<Object>> asRead = new HashMap<>();

    private final Set<Long> removed = new HashSet<>();

    /** No rows known yet, of {@code table}. */
    public TrackedRows(RowTable<R> table) {
        this.table = table;
    }

    /** Reads the rows of {@code ids} not known yet; an id without a row is remembered as none. */
    public Uni<Void> load(SqlClient client, Collection<Long> ids) {
        List<Long> wanted =
                ids.stream().filter(id -> !rows.containsKey(id)).distinct().toList();
        if (wanted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return table.byIds(client, wanted)
                .invoke(found -> {
                    wanted.forEach(id -> rows.put(id, null));
                    found.forEach(this::loaded);
                })
                .replaceWithVoid();
    }

    /** Reads every row of the table not known yet; answers every row present, as this transaction left them. */
    public Uni<List<R>> loadAll(SqlClient client) {
        return loadWhere(client, row -> true, null);
    }

    /**
     * Reads the rows matching {@code condition} (as {@link RowTable#where}, null for all) that are not
     * known yet, then answers every row present that {@code matches} (the same condition in Java): as
     * this transaction left them, with those it added and without those it removed or changed so
     * they no longer match.
     */
    public Uni<List<R>> loadWhere(SqlClient client, Predicate<R> matches, String condition, Object... parameters) {
        return table.where(client, condition, parameters).map(found -> {
            found.stream().filter(row -> !rows.containsKey(table.idOf(row))).forEach(this::loaded);
            return present().stream().filter(matches).toList();
        });
    }

    /** Whether {@code id} was read, added or removed (then {@link #get} answers without a round trip). */
    public boolean knows(long id) {
        return rows.containsKey(id);
    }

    /** The row of {@code id} if known and present, else null. */
    public R get(long id) {
        return rows.get(id);
    }

    /** The rows known and present, in the order first seen. */
    public List<R> present() {
        return rows.values().stream().filter(r -> r != null).toList();
    }

    /** Adds a new row (or replaces the one of its key), to be written. */
    public void add(R row) {
        long id = table.idOf(row);
        rows.put(id, row);
        removed.remove(id);
    }

    /** Removes a row, to be deleted. */
    public void remove(R row) {
        long id = table.idOf(row);
        rows.put(id, null);
        asRead.remove(id);
        removed.add(id);
    }

    /**
     * Writes the rows added or changed and deletes those removed: two statements at most, sent
     * together (the client pipelines them on the connection; the sets of keys are disjoint).
     */
    public Uni<Void> write(SqlClient client) {
        List<R> changed = rows.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .filter(e -> !table.values().apply(e.getValue()).equals(asRead.get(e.getKey())))
                .map(Map.Entry::getValue)
                .toList();
        return Uni.combine()
                .all()
                .unis(table.delete(client, removed), table.upsert(client, changed))
                .discardItems()
                .invoke(() -> {
                    changed.forEach(this::remember);
                    removed.clear();
                });
    }

    private void loaded(R row) {
        rows.put(table.idOf(row), row);
        remember(row);
    }

    private void remember(R row) {
        asRead.put(table.idOf(row), table.values().apply(row));
    }
}
