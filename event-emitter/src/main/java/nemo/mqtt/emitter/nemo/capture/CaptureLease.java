package nemo.mqtt.emitter.nemo.capture;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

import org.jboss.logging.Logger;

/**
 * The right to run the capture, one emitter replica at a time: a session advisory lock held on a
 * connection of its own to the emitter's PostgreSQL. PostgreSQL releases it when that connection
 * ends (the replica died or lost the database), so another replica's next attempt takes it.
 */
final class CaptureLease {

    private static final Logger LOG = Logger.getLogger(CaptureLease.class);
    private static final long KEY = 0x4E454D4F_43415054L; // "NEMOCAPT"

    private final DataSource emitterDb;
    private volatile Connection held;

    CaptureLease(DataSource emitterDb) {
        this.emitterDb = emitterDb;
    }

    boolean held() {
        return held != null;
    }

    /** Whether the lease is still held: false (and forgotten) once its connection broke. */
    boolean stillHeld() throws SQLException {
        if (held == null) {
            return false;
        }
        if (held.isValid(5)) {
            return true;
        }
        LOG.warn("Capture lease lost (connection to the emitter's database broken): stopping the capture");
        release();
        return false;
    }

    /** Takes the lease if no replica holds it, without waiting; answers whether this replica holds it now. */
    boolean tryTake() throws SQLException {
        Connection connection = emitterDb.getConnection();
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            lock.setLong(1, KEY);
            try (ResultSet row = lock.executeQuery()) {
                if (row.next() && row.getBoolean(1)) {
                    held = connection;
                    return true;
                }
            }
        }
        connection.close();
        return false;
    }

    void release() {
        try {
            if (held != null) {
                held.close();
            }
        } catch (SQLException e) {
            LOG.debugf("closing the capture lease: %s", e.getMessage());
        }
        held = null;
    }
}
