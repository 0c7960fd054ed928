package nemo.mqtt.emitter.nemo.capture;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Plain reads of NEMO's PostgreSQL with the capture's role, besides the replication stream: the
 * slot's health, and the names of tools and users the capture has not seen yet (on first start,
 * changes from before the slot existed are not in the stream).
 */
final class NemoDatabase {

    /** The slot as {@code pg_replication_slots} shows it; {@code exists} false when there is none. */
    record Slot(boolean exists, boolean active, String walStatus, long bytesBehind) {

        /** Invalidated (WAL it needed was removed, {@code max_slot_wal_keep_size}): changes are lost. */
        boolean lost() {
            return "lost".equals(walStatus);
        }
    }

    private final CaptureConfig config;

    NemoDatabase(CaptureConfig config) {
        this.config = config;
    }

    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", config.user());
        config.password().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("ApplicationName", "nemo-mqtt-capture");
        properties.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(
                "jdbc:postgresql://" + config.host() + ":" + config.port() + "/" + config.database(), properties);
    }

    Slot slot() throws SQLException {
        try (Connection nemo = connect();
                PreparedStatement select = nemo.prepareStatement("""
                select active, wal_status, coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn), 0)::bigint
                from pg_replication_slots where slot_name = ?""")) {
            select.setString(1, config.slot());
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? new Slot(true, row.getBoolean(1), row.getString(2), row.getLong(3))
                        : new Slot(false, false, null, 0);
            }
        }
    }

    /** Copies the names (and parents, operational flags) of tools and users the capture does not know yet. */
    void seedNames(DataSource emitter) throws SQLException {
        String tools =
                "select id, name, parent_tool_id, category, operational from \"" + config.schema() + "\".\"NEMO_tool\"";
        String users = "select id, first_name, last_name, username from \"" + config.schema() + "\".\"NEMO_user\"";
        try (Connection nemo = connect();
                Connection own = emitter.getConnection();
                PreparedStatement readTools = nemo.prepareStatement(tools);
                PreparedStatement readUsers = nemo.prepareStatement(users);
                PreparedStatement addTool = own.prepareStatement("""
                        insert into nemo_capture_tool (tool_id, name, parent_tool_id, category, operational, updated_at)
                        values (?, ?, ?, ?, ?, now()) on conflict do nothing""");
                PreparedStatement addUser = own.prepareStatement("""
                        insert into nemo_capture_user (user_id, name, updated_at) values (?, ?, now())
                        on conflict do nothing""")) {
            try (ResultSet row = readTools.executeQuery()) {
                while (row.next()) {
                    addTool.setLong(1, row.getLong(1));
                    addTool.setString(2, row.getString(2));
                    addTool.setObject(3, row.getObject(3) == null ? null : row.getLong(3));
                    addTool.setString(4, row.getString(4));
                    addTool.setBoolean(5, row.getBoolean(5));
                    addTool.addBatch();
                }
            }
            try (ResultSet row = readUsers.executeQuery()) {
                while (row.next()) {
                    addUser.setLong(1, row.getLong(1));
                    addUser.setString(2, ToolChanges.displayName(row.getString(2), row.getString(3), row.getString(4)));
                    addUser.addBatch();
                }
            }
            addTool.executeBatch();
            addUser.executeBatch();
        }
    }

    /** Whether the emitter has a stored position: a slot missing then means changes were lost. */
    static boolean hasPosition(DataSource emitter) throws SQLException {
        try (Connection own = emitter.getConnection();
                PreparedStatement select = own.prepareStatement("select 1 from nemo_capture_offset where name = ?")) {
            select.setString(1, CaptureOffsetStore.ENGINE_NAME);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }
}
