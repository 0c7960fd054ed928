package nemo.mqtt.emitter.nemo.capture;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToLongFunction;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/**
 * The captured rows that a part of NEMO's changes reads and writes, in the caller's Hibernate
 * session. {@link #of} reads them up front with one query per table, so applying the changes costs
 * no round trip per change. A row that was not read is looked up when asked for. A row written or
 * deleted is remembered, so a later change of the part sees it. The writes reach the database when
 * the session flushes.
 */
final class CaptureView {

    /** A captured table: its entity, the HQL name of its id, and how to read an entity's id. */
    private record Table<E extends PanacheEntityBase>(Class<E> type, String id, ToLongFunction<E> ids) {
        long idOf(PanacheEntityBase row) {
            return ids.applyAsLong(type.cast(row));
        }
    }

    private static final Table<CapturedUsage> USAGES = new Table<>(CapturedUsage.class, "usageId", u -> u.usageId);
    private static final Table<CapturedTask> TASKS = new Table<>(CapturedTask.class, "taskId", t -> t.taskId);
    private static final Table<CapturedTool> TOOLS = new Table<>(CapturedTool.class, "toolId", t -> t.toolId);
    private static final Table<CapturedUser> USERS = new Table<>(CapturedUser.class, "userId", u -> u.userId);
    private static final Table<CapturedReservation> RESERVATIONS =
            new Table<>(CapturedReservation.class, "reservationId", r -> r.reservationId);
    private static final Table<CapturedOutage> OUTAGES = new Table<>(CapturedOutage.class, "outageId", o -> o.outageId);

    private static final List<Table<?>> TABLES = List.of(USAGES, TASKS, TOOLS, USERS, RESERVATIONS, OUTAGES);

    /** Per entity type, what is known of each id: the row, or null when there is none. */
    private final Map<Class<?>, Map<Long, PanacheEntityBase>> known = new HashMap<>();

    private CaptureView() {}

    /** A view that reads every row when first asked for (a few lookups, such as the clock's). */
    static CaptureView empty() {
        return new CaptureView();
    }

    /**
     * A view holding every captured row {@code changes} name: the rows themselves, the tools
     * (and their parents) and the users they refer to. About six queries, whatever the number of changes.
     */
    static Uni<CaptureView> of(List<NemoChange> changes) {
        CaptureView view = new CaptureView();
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
        return view.load(USAGES, rows.get(NemoChange.USAGE_EVENTS))
                .chain(() -> view.load(TASKS, rows.get(NemoChange.TASKS)))
                .chain(() -> view.load(RESERVATIONS, rows.get(NemoChange.RESERVATIONS)))
                .chain(() -> view.load(OUTAGES, rows.get(NemoChange.OUTAGES)))
                .chain(() -> {
                    // a deleted row's tool is known only from the captured row
                    view.found(CapturedUsage.class).forEach(u -> add(tools, u.toolId));
                    view.found(CapturedTask.class).forEach(t -> add(tools, t.toolId));
                    return view.load(TOOLS, tools);
                })
                .chain(() -> {
                    Set<Long> parents = new HashSet<>();
                    view.found(CapturedTool.class).forEach(t -> add(parents, t.parentToolId));
                    return view.load(TOOLS, parents);
                })
                .chain(() -> view.load(USERS, users))
                .replaceWith(view);
    }

    /** The captured row of {@code type} with {@code id}, or null when there is none. */
    <E extends PanacheEntityBase> Uni<E> find(Class<E> type, long id) {
        Map<Long, PanacheEntityBase> rows = rows(type);
        if (rows.containsKey(id)) {
            return Uni.createFrom().item(type.cast(rows.get(id)));
        }
        return Panache.getSession().chain(session -> session.find(type, id)).invoke(row -> rows.put(id, row));
    }

    /** Writes a new captured row (at the session's flush) and remembers it. */
    Uni<Void> persist(PanacheEntityBase row) {
        rows(row.getClass()).put(idOf(row), row);
        return row.persist().replaceWithVoid();
    }

    /** Deletes a captured row (at the session's flush) and remembers that it is gone. */
    Uni<Void> delete(PanacheEntityBase row) {
        rows(row.getClass()).put(idOf(row), null);
        return row.delete();
    }

    private static long idOf(PanacheEntityBase row) {
        return TABLES.stream()
                .filter(table -> table.type() == row.getClass())
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a captured row: " + row.getClass()))
                .idOf(row);
    }

    /** Reads the rows of {@code ids} not known yet; an id without a row is remembered as none. */
    private <E extends PanacheEntityBase> Uni<Void> load(Table<E> table, Set<Long> ids) {
        Map<Long, PanacheEntityBase> rows = rows(table.type());
        List<Long> wanted = ids == null
                ? List.of()
                : ids.stream().filter(id -> !rows.containsKey(id)).toList();
        if (wanted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String query = "from " + table.type().getSimpleName() + " where " + table.id() + " in :ids";
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(query, table.type())
                        .setParameter("ids", wanted)
                        .getResultList())
                .invoke(found -> {
                    wanted.forEach(id -> rows.put(id, null));
                    found.forEach(row -> rows.put(table.idOf(row), row));
                })
                .replaceWithVoid();
    }

    /** The rows of {@code type} that exist. */
    private <E> List<E> found(Class<E> type) {
        return rows(type).values().stream()
                .filter(Objects::nonNull)
                .map(type::cast)
                .toList();
    }

    private Map<Long, PanacheEntityBase> rows(Class<?> type) {
        return known.computeIfAbsent(type, t -> new HashMap<>());
    }

    private static void add(Set<Long> ids, Object id) {
        if (id instanceof Number number && number.longValue() != 0) {
            ids.add(number.longValue());
        }
    }
}
