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
import java.util.Locale;
import java.util.Map;

/**
 * NEMO's PostgreSQL for the change data capture tests and benchmark: a private cluster with {@code wal_level=logical}
 * ({@link ServiceProcess#postgresLogical()}), NEMO's tables created as NEMO's migrations create them
 * ({@code nemo-schema.sql}) and the publication {@code nemo_mqtt} NEMO's DBA creates. Database and
 * user {@code nemo}, no password.
 */
public final class NemoPostgres implements AutoCloseable {

    private final int port;
    private final ServiceProcess postgres;

    private NemoPostgres(int port) {
        this.port = port;
        this.postgres = ServiceProcess.postgresLogical(port);
    }

    /** Starts the cluster on a free port and creates NEMO's tables and the publication; returns once they exist. */
    public static NemoPostgres start() {
        return start(FreePorts.next());
    }

    /**
     * Starts the cluster on {@code port} (so a service can be told the port before it runs) and creates
     * NEMO's tables and the publication; returns once they exist.
     */
    public static NemoPostgres start(int port) {
        NemoPostgres nemo = new NemoPostgres(port);
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
                InputStream schema = NemoPostgres.class.getResourceAsStream("nemo-schema.sql")) {
            ddl.execute(new String(schema.readAllBytes(), StandardCharsets.UTF_8));
        } catch (SQLException e) {
            throw new IllegalStateException("creating NEMO's tables", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return nemo;
    }

    public int port() {
        return port;
    }

    /** A new connection to NEMO's database (autocommit, as NEMO's Django writes). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/nemo", "nemo", "");
    }

    /** NEMO's rows written through a connection of their own, closed with them. */
    public NemoRows rows() throws SQLException {
        return new NemoRows(connect());
    }

    /**
     * The emitter's capture settings for NEMO's database on {@code port} as user {@code nemo}, with
     * replication slot {@code slot} and a check every second (a lost lease, a failed engine or a database
     * not yet up is retried within a second), under the names {@code prefix} gives:
     * "nemo.emitter.capture." for properties, "NEMO_EMITTER_CAPTURE_" for a packaged emitter's environment.
     */
    public static Map<String, String> captureSettings(String prefix, int port, String slot) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("enabled", "true");
        settings.put("host", "127.0.0.1");
        settings.put("port", String.valueOf(port));
        settings.put("database", "nemo");
        settings.put("user", "nemo");
        settings.put("slot", slot);
        settings.put("check-interval", "1s");
        boolean environment = prefix.endsWith("_");
        Map<String, String> named = new LinkedHashMap<>();
        settings.forEach((name, value) ->
                named.put(prefix + (environment ? name.toUpperCase(Locale.ROOT).replace('-', '_') : name), value));
        return named;
    }

    /** {@link #captureSettings(String, int, String)} for this database. */
    public Map<String, String> captureSettings(String prefix, String slot) {
        return captureSettings(prefix, port, slot);
    }

    @Override
    public void close() {
        postgres.stop();
    }
}
