package nemo.mqtt.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Writes NEMO's rows the way NEMO does: each save() its own autocommit transaction rewriting the
 * whole row, every NOT NULL column given (Django sets no defaults). Each method returns the new
 * row's id (inserts) or the rows changed (updates). For the capture tests and the capture benchmark ({@link NemoPostgres}).
 */
public final class NemoRows implements AutoCloseable {

    private final Connection db;

    /** Writes through {@code connection} (e.g. one in a transaction the test rolls back); closes it on close(). */
    public NemoRows(Connection connection) {
        db = connection;
    }

    /** A user; returns its id. */
    public long user(String username, String first, String last, boolean staff) throws SQLException {
        return insert("""
                insert into "NEMO_user" (username, first_name, last_name, email, domain, is_active, is_staff, is_user_office,
                  is_accounting_officer, is_service_personnel, is_technician, is_facility_manager, is_superuser,
                  training_required, date_joined)
                values (?, ?, ?, ?, '', true, ?, false, false, false, false, false, false, false, now()) returning id""", username, first, last, username + "@example.org", staff);
    }

    /** A tool ({@code parent} null for a top-level, visible one); returns its id. */
    public long tool(String name, Long parent) throws SQLException {
        return insert("""
                insert into "NEMO_tool" (name, parent_tool_id, visible, image, tool_calendar_color, operational,
                  problem_shutdown_enabled, ask_to_leave_area_when_done_using, policy_off_between_times,
                  policy_off_weekend, "_operation_mode", abuse_weight, max_delayed_logoff)
                values (?, ?, ?, '', '#33ad33', true, true, false, false, false, 0, 1, 30) returning id""", name, parent, parent == null);
    }

    /** Enables {@code tool} for {@code user} run by {@code operator}, starting now; returns the usage id. */
    public long startUsage(long tool, long user, long operator) throws SQLException {
        return insert("""
                insert into "NEMO_usageevent" (user_id, operator_id, project_id, tool_id, start, has_ended, validated,
                  remote_work, training, waived)
                values (?, ?, 7, ?, now(), 0, false, false, false, false) returning id""", user, operator, tool);
    }

    /** Disables as NEMO's save() does: {@code end} (now plus any delayed logoff) and a fresh has_ended. */
    public void endUsage(long usage, Instant end) throws SQLException {
        update("""
                update "NEMO_usageevent" set "end" = ?, has_ended = (select coalesce(max(has_ended), 0) + 1
                  from "NEMO_usageevent") where id = ?""", Timestamp.from(end), usage);
    }

    /** A problem reported on {@code tool} by {@code creator}, forcing a shutdown or not; returns the task id. */
    public long task(long tool, long creator, boolean shutdown, String problem) throws SQLException {
        return insert("""
                insert into "NEMO_task" (urgency, tool_id, force_shutdown, safety_hazard, creator_id, creation_time,
                  problem_description, cancelled, resolved)
                values (?, ?, ?, false, ?, now(), ?, false, false) returning id""", shutdown ? 1 : 0, tool, shutdown, creator, problem);
    }

    /** A task's whole row written again, as NEMO's save() does, with what changed. */
    public void saveTask(long task, Instant lastUpdated, boolean resolved) throws SQLException {
        update("""
                update "NEMO_task" set urgency = urgency, tool_id = tool_id, problem_description = problem_description,
                  last_updated = ?, resolved = ?, resolution_time = case when ? then now() end where id = ?""", lastUpdated == null ? null : Timestamp.from(lastUpdated), resolved, resolved, task);
    }

    /** Shuts {@code tool} down or puts it back in service, the whole row written again. */
    public void operational(long tool, boolean operational) throws SQLException {
        update("update \"NEMO_tool\" set operational = ?, name = name where id = ?", operational, tool);
    }

    /** A reservation of {@code tool} by {@code user} from {@code start} to {@code end}; returns its id. */
    public long reservation(long tool, long user, Instant start, Instant end) throws SQLException {
        return insert("""
                insert into "NEMO_reservation" (user_id, creator_id, creation_time, tool_id, start, "end", short_notice,
                  cancelled, missed, shortened, self_configuration, title, validated, waived)
                values (?, ?, now(), ?, ?, ?, false, false, false, false, false, '', false, false) returning id""", user, user, tool, Timestamp.from(start), Timestamp.from(end));
    }

    /** A scheduled outage of {@code tool} from {@code start} to {@code end}; returns its id. */
    public long outage(long tool, long creator, String title, Instant start, Instant end) throws SQLException {
        return insert("""
                insert into "NEMO_scheduledoutage" (start, "end", creator_id, title, details, category, tool_id)
                values (?, ?, ?, ?, '', 'Maintenance', ?) returning id""", Timestamp.from(start), Timestamp.from(end), creator, title, tool);
    }

    /** Runs {@code sql} (an insert ... returning id) with {@code values}; returns the id. */
    public long insert(String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = prepare(sql, values);
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Runs {@code sql} (an update or delete) with {@code values}; returns the rows changed. */
    public int update(String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = prepare(sql, values)) {
            return statement.executeUpdate();
        }
    }

    private PreparedStatement prepare(String sql, Object... values) throws SQLException {
        PreparedStatement statement = db.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        return statement;
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
