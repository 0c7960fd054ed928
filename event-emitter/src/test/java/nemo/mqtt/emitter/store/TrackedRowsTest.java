package nemo.mqtt.emitter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nemo.mqtt.emitter.WithPostgresAndRedis;

/**
 * The NEMO poller's and the capture's bookkeeping rows are written back at the end of their
 * transaction: only what was added, changed or removed reaches PostgreSQL, and a query in the
 * transaction sees the rows as the transaction left them, not as they were read.
 */
@QuarkusTest
@WithPostgresAndRedis
class TrackedRowsTest {

    /** A row of the test's own table. */
    static final class Item {
        long id;
        String name;

        Item(long id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    static final RowTable<Item> ITEMS = new RowTable<>(
            "tracked_rows_test",
            List.of("id", "name"),
            (Row row) -> new Item(row.getLong("id"), row.getString("name")),
            item -> Arrays.asList(item.id, item.name));

    @Inject
    Pool pool;

    @BeforeEach
    void threeItems() {
        pool.query("create table if not exists tracked_rows_test (id bigint primary key, name text)")
                .execute()
                .chain(() -> pool.query("truncate tracked_rows_test").execute())
                .chain(() -> ITEMS.upsert(pool, List.of(new Item(1, "one"), new Item(2, "two"), new Item(3, "three"))))
                .await()
                .indefinitely();
    }

    @Test
    void writesOnlyWhatWasAddedChangedOrRemoved() {
        Map<Long, String> versionsBefore = versions();
        pool.withTransaction(connection -> {
                    TrackedRows<Item> items = new TrackedRows<>(ITEMS);
                    return items.loadAll(connection).chain(all -> {
                        items.get(2).name = "TWO";
                        items.remove(items.get(3));
                        items.add(new Item(4, "four"));
                        return items.write(connection);
                    });
                })
                .await()
                .indefinitely();

        assertEquals(Map.of(1L, "one", 2L, "TWO", 4L, "four"), names());
        Map<Long, String> versionsAfter = versions();
        assertEquals(versionsBefore.get(1L), versionsAfter.get(1L), "the unchanged row was written");
        assertEquals(false, versionsBefore.get(2L).equals(versionsAfter.get(2L)), "the changed row was not written");
    }

    @Test
    void aQueryAnswersRowsAsTheTransactionLeftThem() {
        List<String> seen = pool.withTransaction(connection -> {
                    TrackedRows<Item> items = new TrackedRows<>(ITEMS);
                    return items.load(connection, List.of(1L, 3L, 9L)).chain(() -> {
                        assertNull(items.get(9L), "an id without a row");
                        items.get(1).name = "ONE";
                        items.remove(items.get(3));
                        items.add(new Item(0, "zero"));
                        items.add(new Item(5, "five"));
                        return items.loadWhere(connection, item -> item.id <= 3, "id <= $1", 3L);
                    });
                })
                .map(found -> found.stream().map(item -> item.name).sorted().toList())
                .await()
                .indefinitely();

        assertEquals(List.of("ONE", "two", "zero"), seen);
        assertEquals(Map.of(1L, "one", 2L, "two", 3L, "three"), names(), "nothing written without write()");
    }

    private Map<Long, String> names() {
        return read("name");
    }

    /** Each row's xmin: a new one whenever an UPDATE wrote the row. */
    private Map<Long, String> versions() {
        return read("xmin::text");
    }

    private Map<Long, String> read(String column) {
        return pool.query("select id, " + column + " from tracked_rows_test")
                .execute()
                .map(rows -> {
                    Map<Long, String> values = new TreeMap<>();
                    rows.forEach(row -> values.put(row.getLong(0), row.getString(1)));
                    return values;
                })
                .await()
                .indefinitely();
    }
}
