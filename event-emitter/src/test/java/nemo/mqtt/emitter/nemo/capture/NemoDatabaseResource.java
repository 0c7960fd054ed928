package nemo.mqtt.emitter.nemo.capture;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import nemo.mqtt.testing.NemoPostgres;
import nemo.mqtt.testing.NemoRows;

/** NEMO's PostgreSQL ({@link NemoPostgres}) for the capture tests; points the emitter's capture at it. */
public class NemoDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private static volatile NemoPostgres nemo;

    @Override
    public Map<String, String> start() {
        nemo = NemoPostgres.start();
        Map<String, String> config = new HashMap<>(nemo.captureSettings("nemo.emitter.capture.", "nemo_mqtt_test"));
        config.put("nemo.emitter.capture.timed-interval", "1s");
        return config;
    }

    /** NEMO's rows, written through a connection of their own. */
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
