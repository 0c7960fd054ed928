package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import nemo.mqtt.emitter.store.RowTable;
import nemo.mqtt.emitter.store.TrackedRows;

/**
 * The captured rows that a part of NEMO's changes reads and writes, in the transaction the caller
 * holds on a connection. {@link #of} reads them up front with one query per table, so applying the
 * changes costs no round trip per change. A row that was not read is looked up when asked for. A
 * row added, changed or deleted is remembered, so a later change of the part sees it; {@link #write}
 * writes them all at the end.
 */
final class CaptureView {

    private static final Map<Class<?>, RowTable<?>> TABLES = Map.of(
            CapturedUsage.class, CapturedUsage.TABLE,
            CapturedTask.class, CapturedTask.TABLE,
            CapturedTool.class, CapturedTool.TABLE,
            CapturedUser.class, CapturedUser.TABLE,
            CapturedReservation.class, CapturedReservation.TABLE,
            CapturedOutage.class, CapturedOutage.TABLE);

    /** The conditions of the timed queries: outages the clock has to start or end, open shutdown tasks of a tool. */
    private static final String OUTAGES_DUE = "not ended and (start_time <= $1 or end_time <= $1)";

    private static final String SHUTDOWN_TASKS = "tool_id = $1 and open and force_shutdown";

    private final SqlConnection connection;

    private final Map<Class<?>, TrackedRows<?>> tables = new HashMap<>();

    private CaptureView(SqlConnection connection) {
        this.connection = connection;
    }

    /** A view that reads every row when first asked for (a few lookups, such as the clock's). */
    static CaptureView empty(SqlConnection connection) {
        return new CaptureView(connection);
    }

    /**
     * A view holding every captured row {@code changes} name: the rows themselves, the tools
     * (and their parents) and the users they refer to. About six queries, whatever the number of changes.
     */
    static Uni<CaptureView> of(SqlConnection connection, List<NemoChange> changes) {
        CaptureView view = new CaptureView(connection);
        Map<String, Set<Long>> rows = new HashMap<>();
        Set<Long> tools = new HashSet<>();
        Set<Long> users = new HashSet<>();
        for (NemoChange change : changes) {
            rows.computeIfAbsent(change.table(), table -> new HashSet<>()).add(change.id());
            if (change.op() != NemoChange.Op.DELETE) {
                add(tools, change.row().get("tool_id"));
                add(users, change.row().get("user_id"));
                add(users, change.row().get("operator_id"));
            }
        }
        tools.addAll(rows.getOrDefault(NemoChange.TOOLS, Set.of()));
        users.addAll(rows.getOrDefault(NemoChange.USERS, Set.of()));
        return view.load(CapturedUsage.class, rows.get(NemoChange.USAGE_EVENTS))
                .chain(() -> view.load(CapturedTask.class, rows.get(NemoChange.TASKS)))
                .chain(() -> view.load(CapturedReservation.class, rows.get(NemoChange.RESERVATIONS)))
                .chain(() -> view.load(CapturedOutage.class, rows.get(NemoChange.OUTAGES)))
                .chain(() -> {
                    // a deleted row's tool is known only from the captured row
                    view.rows(CapturedUsage.class).present().forEach(u -> add(tools, u.toolId));
                    view.rows(CapturedTask.class).present().forEach(t -> add(tools, t.toolId));
                    return view.load(CapturedTool.class, tools);
                })
                .chain(() -> {
                    Set<Long> parents = new HashSet<>();
                    view.rows(CapturedTool.class).present().forEach(t -> add(parents, t.parentToolId));
                    return view.load(CapturedTool.class, parents);
                })
                .chain(() -> view.load(CapturedUser.class, users))
                .replaceWith(view);
    }

    /** The captured row of {@code type} with {@code id}, or null when there is none. */
    <E> Uni<E> find(Class<E> type, long id) {
        TrackedRows<E> rows = rows(type);
        return rows.knows(id)
                ? Uni.createFrom().item(rows.get(id))
                : rows.load(connection, List.of(id)).map(loaded -> rows.get(id));
    }

    /** Adds a new captured row (written by {@link #write}). */
    @SuppressWarnings("unchecked")
    <E> Uni<Void> persist(E row) {
        rows((Class<E>) row.getClass()).add(row);
        return Uni.createFrom().voidItem();
    }

    /** Deletes a captured row (at {@link #write}). */
    @SuppressWarnings("unchecked")
    <E> Uni<Void> delete(E row) {
        rows((Class<E>) row.getClass()).remove(row);
        return Uni.createFrom().voidItem();
    }

    /** The outages not yet ended whose start or end is at or before {@code now}. */
    Uni<List<CapturedOutage>> outagesDue(OffsetDateTime now) {
        return rows(CapturedOutage.class)
                .loadWhere(
                        connection,
                        o -> !o.ended && (!o.startTime.isAfter(now) || !o.endTime.isAfter(now)),
                        OUTAGES_DUE,
                        now);
    }

    /** The open force-shutdown task of {@code toolId} with the lowest id, as the changes so far left the tasks; null if none. */
    Uni<CapturedTask> firstShutdownTask(long toolId) {
        return rows(CapturedTask.class)
                .loadWhere(connection, t -> t.toolId == toolId && t.open && t.forceShutdown, SHUTDOWN_TASKS, toolId)
                .map(tasks -> tasks.stream()
                        .min(Comparator.comparingLong(t -> t.taskId))
                        .orElse(null));
    }

    /** Writes every captured row added, changed or deleted; the tables' statements go out together (pipelined). */
    Uni<Void> write() {
        List<Uni<Void>> writes =
                tables.values().stream().map(rows -> rows.write(connection)).toList();
        return writes.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(writes).andCollectFailures().replaceWithVoid();
    }

    private Uni<Void> load(Class<?> type, Set<Long> ids) {
        return ids == null ? Uni.createFrom().voidItem() : rows(type).load(connection, ids);
    }

    @SuppressWarnings("unchecked")
    private <E> TrackedRows<E> rows(Class<E> type) {
        return (TrackedRows<E>) tables.computeIfAbsent(type, t -> {
            RowTable<?> table = TABLES.get(t);
            if (table == null) {
                throw new IllegalArgumentException("not a captured row: " + t);
            }
            return new TrackedRows<>(table);
        });
    }

    private static void add(Set<Long> ids, Object id) {
        if (id instanceof Number number && number.longValue() != 0) {
            ids.add(number.longValue());
        }
    }
}
