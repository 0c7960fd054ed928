package nemo.mqtt.emitter.store;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import nemo.mqtt.emitter.state.ToolState;

/**
 * A {@code tool_state} row read and written through the reactive PostgreSQL client (the group
 * commit's path, {@link GroupTransaction}, and the tools API): every column of {@link ToolState}, in one place.
 */
public final class ToolStateRows {

    /** A column: its name, the SQL type of its parameter arrays, the Java type the client binds. */
    private record Column(String name, String sqlType, Class<?> type) {}

    /** Every column, tool_id first, in the order of {@link #values}. */
    private static final List<Column> COLUMNS = List.of(
            new Column("tool_id", "bigint", Long.class),
            new Column("tool_name", "text", String.class),
            new Column("parent_tool_id", "bigint", Long.class),
            new Column("category", "text", String.class),
            new Column("in_use", "bool", Boolean.class),
            new Column("usage_id", "bigint", Long.class),
            new Column("user_name", "text", String.class),
            new Column("operator_name", "text", String.class),
            new Column("in_use_since", "timestamptz", OffsetDateTime.class),
            new Column("delayed_logoff_until", "timestamptz", OffsetDateTime.class),
            new Column("shutdown", "bool", Boolean.class),
            new Column("shutdown_note", "text", String.class),
            new Column("outage", "bool", Boolean.class),
            new Column("outage_note", "text", String.class),
            new Column("open_problems", "int", Integer.class),
            new Column("problem_note", "text", String.class),
            new Column("last_usage_id", "bigint", Long.class),
            new Column("last_user_name", "text", String.class),
            new Column("last_used_until", "timestamptz", OffsetDateTime.class),
            new Column("open_task_ids", "text", String.class),
            new Column("resolved_task_ids", "text", String.class),
            new Column("warning", "text", String.class),
            new Column("next_reservation_id", "bigint", Long.class),
            new Column("next_reservation_user", "text", String.class),
            new Column("next_reservation_start", "timestamptz", OffsetDateTime.class),
            new Column("next_reservation_end", "timestamptz", OffsetDateTime.class),
            new Column("state", "text", String.class),
            new Column("state_since", "timestamptz", OffsetDateTime.class),
            new Column("last_seq", "bigint", Long.class),
            new Column("updated_at", "timestamptz", OffsetDateTime.class));

    private static final String ALL = "select * from tool_state order by tool_id";

    private static final String ONE = "select * from tool_state where tool_id = $1";

    private static final String LOCK = ONE + " for update";

    private static final String LOCK_PAGE =
            "select * from tool_state where tool_id > $1 order by tool_id limit $2 for update";

    private static final String NEXT_STARTED =
            "select tool_id from tool_state where next_reservation_start <= $1 order by tool_id";

    private static final String LOGOFF_PASSED = """
            select tool_id from tool_state where state = 'delayed_logoff' and delayed_logoff_until <= $1 order by tool_id""";

    private ToolStateRows() {}

    /** Every tool's state, by ascending tool_id (plain objects, read outside any transaction). */
    public static Uni<List<ToolState>> all(SqlClient client) {
        return client.preparedQuery(ALL).execute().map(ToolStateRows::all);
    }

    /** The state of tool {@code toolId}, or null when no event of it was stored. */
    public static Uni<ToolState> find(SqlClient client, long toolId) {
        return client.preparedQuery(ONE).execute(Tuple.of(toolId)).map(ToolStateRows::first);
    }

    /**
     * A row's version: its last_seq and updated_at, which every write of it sets (a seq claim, a new
     * state, a refresh), so a row with both unchanged holds what was read or written with them.
     */
    record Version(long lastSeq, OffsetDateTime updatedAt) {
        static Version of(ToolState state) {
            return new Version(state.lastSeq, state.updatedAt);
        }
    }

    /** How many array parameters {@link #lockAndUpdateIfUnchangedFromArrays} takes: the columns', then the versions' two. */
    static final int IF_UNCHANGED_ARRAYS = COLUMNS.size() + 2;

    /**
     * An UPDATE of several tools' rows in one statement, for a WITH clause: each column an array
     * parameter, from {@code $first} on in the order of {@link #arrays} (one prepared statement
     * whatever the number of tools). The tools must differ (PostgreSQL updates a row once per statement).
     */
    static String updateFromArrays(int first) {
        return update(first, "", "");
    }

    /**
     * Two WITH clauses: {@code locked}, the rows of the tools given (the tool_id array, {@code $first})
     * locked in ascending tool_id, the order every other writer locks them in (the seq claim, a
     * refresh, the republisher), so a group cannot deadlock with them; then {@code states}, {@link
     * #updateFromArrays}' UPDATE of each row only if it still has the {@link Version} given with it
     * ({@link #arraysIfUnchanged}, {@link #IF_UNCHANGED_ARRAYS} parameters from {@code $first}),
     * returning the updated rows' tool_id. A row a concurrent transaction changed is read again once
     * that commits (READ COMMITTED), so it is left out when its version moved on.
     */
    static String lockAndUpdateIfUnchangedFromArrays(int first) {
        int versions = first + COLUMNS.size();
        return "locked as materialized (select tool_id from tool_state where tool_id = any($" + first
                + "::bigint[]) order by tool_id for update),\nstates as ("
                + update(
                        first,
                        ", $" + versions + "::bigint[], $" + (versions + 1) + "::timestamptz[]",
                        ", was_last_seq, was_updated_at")
                + " and t.last_seq = s.was_last_seq and t.updated_at = s.was_updated_at"
                + " and t.tool_id in (select tool_id from locked) returning t.tool_id)";
    }

    private static String update(int first, String moreArrays, String moreNames) {
        StringBuilder set = new StringBuilder();
        StringBuilder arrays = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < COLUMNS.size(); i++) {
            Column column = COLUMNS.get(i);
            if (i > 0) {
                set.append(i == 1 ? "" : ", ")
                        .append(column.name())
                        .append(" = s.")
                        .append(column.name());
                arrays.append(", ");
                names.append(", ");
            }
            arrays.append('$')
                    .append(first + i)
                    .append("::")
                    .append(column.sqlType())
                    .append("[]");
            names.append(column.name());
        }
        return "update tool_state t set " + set + " from unnest(" + arrays + moreArrays + ") as s(" + names + moreNames
                + ") where t.tool_id = s.tool_id";
    }

    /** {@link #updateFromArrays}' parameters for {@code states}: one array per column, in column order. */
    static List<Object> arrays(Collection<ToolState> states) {
        ArrayColumns columns =
                new ArrayColumns(COLUMNS.stream().<Class<?>>map(Column::type).toList());
        states.forEach(state -> columns.add(values(state)));
        return columns.arrays();
    }

    /**
     * {@link #lockAndUpdateIfUnchangedFromArrays}' parameters: {@code states}' arrays, then each one's version
     * as {@code before} gives it (by tool_id; one for each of the states).
     */
    static List<Object> arraysIfUnchanged(Collection<ToolState> states, Map<Long, Version> before) {
        List<Object> arrays = new ArrayList<>(arrays(states));
        arrays.add(states.stream().map(s -> before.get(s.toolId).lastSeq()).toArray(Long[]::new));
        arrays.add(states.stream().map(s -> before.get(s.toolId).updatedAt()).toArray(OffsetDateTime[]::new));
        return arrays;
    }

    /**
     * The state of tool {@code toolId}, its row locked until the transaction on {@code connection}
     * ends; null when no event of it was stored.
     */
    static Uni<ToolState> lock(SqlConnection connection, long toolId) {
        return connection.preparedQuery(LOCK).execute(Tuple.of(toolId)).map(ToolStateRows::first);
    }

    /**
     * Up to {@code limit} tools' states with a tool_id above {@code after}, by ascending id, their rows
     * locked until the transaction on {@code connection} ends.
     */
    public static Uni<List<ToolState>> lockPage(SqlConnection connection, long after, int limit) {
        return connection
                .preparedQuery(LOCK_PAGE)
                .execute(Tuple.of(after, limit))
                .map(ToolStateRows::all);
    }

    /** The tools whose next reservation (as published) has started by {@code now}, by ascending id. */
    public static Uni<List<Long>> nextReservationStarted(SqlClient client, OffsetDateTime now) {
        return toolIds(client, NEXT_STARTED, now);
    }

    /** The tools still shown in delayed logoff whose delayed logoff ended by {@code now}, by ascending id. */
    public static Uni<List<Long>> delayedLogoffPassed(SqlClient client, OffsetDateTime now) {
        return toolIds(client, LOGOFF_PASSED, now);
    }

    private static Uni<List<Long>> toolIds(SqlClient client, String sql, OffsetDateTime now) {
        return client.preparedQuery(sql).execute(Tuple.of(now)).map(rows -> {
            List<Long> tools = new ArrayList<>(rows.size());
            rows.forEach(row -> tools.add(row.getLong(0)));
            return tools;
        });
    }

    private static List<ToolState> all(RowSet<Row> rows) {
        List<ToolState> states = new ArrayList<>(rows.size());
        rows.forEach(row -> states.add(from(row)));
        return states;
    }

    private static ToolState first(RowSet<Row> rows) {
        RowIterator<Row> it = rows.iterator();
        return it.hasNext() ? from(it.next()) : null;
    }

    /** The state a row holds. */
    static ToolState from(Row row) {
        ToolState s = new ToolState();
        s.toolId = row.getLong("tool_id");
        s.toolName = row.getString("tool_name");
        s.parentToolId = row.getLong("parent_tool_id");
        s.category = row.getString("category");
        s.inUse = row.getBoolean("in_use");
        s.usageId = row.getLong("usage_id");
        s.userName = row.getString("user_name");
        s.operatorName = row.getString("operator_name");
        s.inUseSince = row.getOffsetDateTime("in_use_since");
        s.delayedLogoffUntil = row.getOffsetDateTime("delayed_logoff_until");
        s.shutdown = row.getBoolean("shutdown");
        s.shutdownNote = row.getString("shutdown_note");
        s.outage = row.getBoolean("outage");
        s.outageNote = row.getString("outage_note");
        s.openProblems = row.getInteger("open_problems");
        s.problemNote = row.getString("problem_note");
        s.lastUsageId = row.getLong("last_usage_id");
        s.lastUserName = row.getString("last_user_name");
        s.lastUsedUntil = row.getOffsetDateTime("last_used_until");
        s.openTaskIds = row.getString("open_task_ids");
        s.resolvedTaskIds = row.getString("resolved_task_ids");
        s.warning = row.getString("warning");
        s.nextReservationId = row.getLong("next_reservation_id");
        s.nextReservationUser = row.getString("next_reservation_user");
        s.nextReservationStart = row.getOffsetDateTime("next_reservation_start");
        s.nextReservationEnd = row.getOffsetDateTime("next_reservation_end");
        s.state = row.getString("state");
        s.stateSince = row.getOffsetDateTime("state_since");
        s.lastSeq = row.getLong("last_seq");
        s.updatedAt = row.getOffsetDateTime("updated_at");
        return s;
    }

    /**
     * A copy of {@code state} as PostgreSQL stores it and this client reads it back: every timestamptz
     * in UTC and to the microsecond (a client may send nanoseconds and any offset), so what the group
     * commit keeps in memory equals what the path that reads would read.
     */
    static ToolState asStored(ToolState state) {
        ToolState s = state.copy();
        s.inUseSince = stored(s.inUseSince);
        s.delayedLogoffUntil = stored(s.delayedLogoffUntil);
        s.lastUsedUntil = stored(s.lastUsedUntil);
        s.nextReservationStart = stored(s.nextReservationStart);
        s.nextReservationEnd = stored(s.nextReservationEnd);
        s.stateSince = stored(s.stateSince);
        s.updatedAt = stored(s.updatedAt);
        return s;
    }

    private static OffsetDateTime stored(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** {@code s}'s values in column order, tool_id first. */
    static Object[] values(ToolState s) {
        return new Object[] {
            s.toolId,
            s.toolName,
            s.parentToolId,
            s.category,
            s.inUse,
            s.usageId,
            s.userName,
            s.operatorName,
            s.inUseSince,
            s.delayedLogoffUntil,
            s.shutdown,
            s.shutdownNote,
            s.outage,
            s.outageNote,
            s.openProblems,
            s.problemNote,
            s.lastUsageId,
            s.lastUserName,
            s.lastUsedUntil,
            s.openTaskIds,
            s.resolvedTaskIds,
            s.warning,
            s.nextReservationId,
            s.nextReservationUser,
            s.nextReservationStart,
            s.nextReservationEnd,
            s.state,
            s.stateSince,
            s.lastSeq,
            s.updatedAt
        };
    }
}
