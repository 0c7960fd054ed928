package nemo.mqtt.emitter.nemo.capture;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import nemo.mqtt.testing.NemoDatabase;
import nemo.mqtt.testing.NemoRows;

/** NEMO's PostgreSQL for the capture tests ({@link NemoDatabase}); points the emitter's capture at it. */
public class NemoDatabaseResource implements QuarkusTestResourceLifecycleManager {

    static volatile NemoDatabase nemo;

    @Override
    public Map<String, String> start() {
        nemo = NemoDatabase.start();
        Map<String, String> config = new HashMap<>(nemo.captureSettings("nemo.emitter.capture.", "nemo_mqtt_test"));
        config.put("nemo.emitter.capture.check-interval", "1s");
        config.put("nemo.emitter.capture.timed-interval", "1s");
        return config;
    }

    /** Writes NEMO's rows through a new connection. */
    static NemoRows rows() throws SQLException {
        return nemo.rows();
    }

    /** A new connection to NEMO's database. */
    static Connection connect() throws SQLException {
        return nemo.connect();
    }

    @Override
    public void stop() {
        nemo.close();
    }
}
