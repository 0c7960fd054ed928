package nemo.mqtt.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * NEMO's PostgreSQL for change data capture: a private cluster with {@code wal_level=logical}, NEMO's
 * tables created as NEMO's migrations create them ({@code nemo-schema.sql}, the one copy) and the
 * publication NEMO's DBA creates. Database {@code nemo}, user {@code nemo}, no password. Used by the
 * emitter's capture tests and the capture benchmark.
 */
public final class NemoDatabase implements AutoCloseable {

    private final ServiceProcess postgres;

    private NemoDatabase(ServiceProcess postgres) {
        this.postgres = postgres;
    }

    /** Starts the cluster and creates NEMO's tables and the publication; returns once it takes connections. */
    public static NemoDatabase start() {
        NemoDatabase nemo = new NemoDatabase(ServiceProcess.postgresLogical());
        // listening is not accepting: after its restart the server may still say "starting up"
        await("NEMO's PostgreSQL accepting connections")
                .atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> {
                    try (Connection probe = nemo.connect()) {
                        return probe.isValid(5);
                    }
                });
        try (Connection db = nemo.connect();
                Statement ddl = db.createStatement();
                InputStream schema = NemoDatabase.class.getResourceAsStream("/nemo-schema.sql")) {
            ddl.execute(new String(schema.readAllBytes(), StandardCharsets.UTF_8));
        } catch (SQLException e) {
            throw new IllegalStateException("creating NEMO's tables", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return nemo;
    }

    /** A new JDBC connection (autocommit) to NEMO's database; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/nemo", "nemo", "");
    }

    /** Writes NEMO's rows through a new connection of its own. */
    public NemoRows rows() throws SQLException {
        return new NemoRows(connect());
    }

    /**
     * The emitter's capture settings for this database, under the names of {@code nemo.emitter.capture.*}
     * given by {@code prefix} ("nemo.emitter.capture." for properties, "NEMO_EMITTER_CAPTURE_" for the
     * environment), with replication slot {@code slot}.
     */
    public Map<String, String> captureSettings(String prefix, String slot) {
        boolean env = prefix.endsWith("_");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(env ? "ENABLED" : "enabled", "true");
        settings.put(env ? "HOST" : "host", "127.0.0.1");
        settings.put(env ? "PORT" : "port", String.valueOf(postgres.port()));
        settings.put(env ? "DATABASE" : "database", "nemo");
        settings.put(env ? "USER" : "user", "nemo");
        settings.put(env ? "SLOT" : "slot", slot);
        Map<String, String> named = new LinkedHashMap<>();
        settings.forEach((name, value) -> named.put(prefix + name, value));
        return named;
    }

    public int port() {
        return postgres.port();
    }

    @Override
    public void close() {
        postgres.stop();
    }
}
