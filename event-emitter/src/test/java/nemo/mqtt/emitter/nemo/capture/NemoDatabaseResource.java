package nemo.mqtt.emitter.nemo.capture;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import nemo.mqtt.testing.ServiceProcess;

/**
 * NEMO's PostgreSQL for the capture tests: a private cluster with {@code wal_level=logical}, NEMO's
 * tables created as NEMO's migrations create them, and the DBA's publication; points the emitter's
 * capture at it.
 */
public class NemoDatabaseResource implements QuarkusTestResourceLifecycleManager {

    static volatile ServiceProcess postgres;

    @Override
    public Map<String, String> start() {
        postgres = ServiceProcess.postgresLogical();
        // listening is not accepting: after its restart the server may still say "starting up"
        await("NEMO's PostgreSQL accepting connections")
                .atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> {
                    try (Connection probe = NemoRows.connect()) {
                        return probe.isValid(5);
                    }
                });
        try (Connection nemo = NemoRows.connect();
                Statement ddl = nemo.createStatement();
                InputStream schema = getClass().getResourceAsStream("/nemo-schema.sql")) {
            ddl.execute(new String(schema.readAllBytes(), StandardCharsets.UTF_8));
        } catch (SQLException e) {
            throw new IllegalStateException("creating NEMO's tables", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "nemo.emitter.capture.enabled", "true",
                "nemo.emitter.capture.host", "127.0.0.1",
                "nemo.emitter.capture.port", String.valueOf(postgres.port()),
                "nemo.emitter.capture.database", "nemo",
                "nemo.emitter.capture.user", "nemo",
                "nemo.emitter.capture.slot", "nemo_mqtt_test",
                "nemo.emitter.capture.check-interval", "1s",
                "nemo.emitter.capture.timed-interval", "1s");
    }

    @Override
    public void stop() {
        postgres.stop();
    }
}
