package nemo.mqtt.emitter.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.ServiceProcess;

/**
 * Rows an emitter wrote before V13 (one outbox row per message) are relayed after the upgrade: each
 * becomes a row carrying its one message, in its place in the relay's order; sent rows keep where they
 * went; a row whose message arrays do not match is refused.
 */
class OutboxMigrationTest {

    private static final String OLD_ROW = """
            insert into outbox (event_id, tool_id, seq, stream_key, topic, payload, qos, retain, created_at)
            values (?, 7, 1, 'nemo:events:0', ?, ?, 1, ?, now())""";

    /** Sent, with where its relay batch ended in the stream (what the rollback guard reads). */
    private static final String OLD_SENT_ROW = """
            insert into outbox (event_id, tool_id, seq, stream_key, topic, payload, qos, retain, created_at,
                sent_at, stream_ms, stream_seq)
            values (gen_random_uuid(), 6, 1, 'nemo:events:0', 'nemo/tools/6/status', '{}', 1, true, now(),
                now(), 1700000000000, 3)""";

    @Test
    void unsentRowsPerMessageBecomeRowsOfOneMessage() throws Exception {
        try (ServiceProcess postgres = ServiceProcess.postgres()) {
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/nemo";
            migrate(url, "12");
            UUID event = UUID.randomUUID();
            try (Connection jdbc = DriverManager.getConnection(url, "nemo", null);
                    PreparedStatement insert = jdbc.prepareStatement(OLD_ROW)) {
                for (EventWrites.Message m : List.of(
                        new EventWrites.Message("nemo/tools/7/enabled", "{\"event\":\"tool_enabled\"}", false),
                        new EventWrites.Message("nemo/tools/7/status", "{\"state\":\"in_use\"}", true))) {
                    insert.setObject(1, event);
                    insert.setString(2, m.topic());
                    insert.setString(3, m.payload());
                    insert.setBoolean(4, m.retain());
                    insert.executeUpdate();
                }
                jdbc.createStatement().executeUpdate(OLD_SENT_ROW);
            }
            migrate(url, "latest");
            try (Connection jdbc = DriverManager.getConnection(url, "nemo", null);
                    ResultSet sent = jdbc.createStatement()
                            .executeQuery(
                                    "select topics, stream_ms, stream_seq from outbox where sent_at is not null")) {
                assertTrue(sent.next());
                assertArrayEquals(new String[] {"nemo/tools/6/status"}, (String[])
                        sent.getArray(1).getArray());
                assertEquals(1700000000000L, sent.getLong(2));
                assertEquals(3L, sent.getLong(3), "a sent row keeps where it went");
                assertThrows(
                        SQLException.class,
                        () -> jdbc.createStatement().executeUpdate("""
                                insert into outbox (event_id, tool_id, seq, stream_key, topics, payloads, retains, qos,
                                    created_at)
                                values (gen_random_uuid(), 8, 1, 'nemo:events:0', '{a,b}', '{x}', '{true,false}', 1, now())"""),
                        "a row whose arrays do not match is refused");
            }

            Vertx vertx = Vertx.vertx();
            try {
                Pool pool = PgBuilder.pool()
                        .connectingTo(new PgConnectOptions()
                                .setHost("127.0.0.1")
                                .setPort(postgres.port())
                                .setDatabase("nemo")
                                .setUser("nemo"))
                        .using(vertx)
                        .build();
                List<OutboxRow> unsent = pool.withConnection(connection -> OutboxRows.oldestUnsent(connection, 10))
                        .await()
                        .atMost(Duration.ofSeconds(30));
                assertEquals(2, unsent.size());
                assertEquals(
                        List.of(new EventWrites.Message("nemo/tools/7/enabled", "{\"event\":\"tool_enabled\"}", false)),
                        unsent.get(0).messages());
                assertEquals(
                        List.of(new EventWrites.Message("nemo/tools/7/status", "{\"state\":\"in_use\"}", true)),
                        unsent.get(1).messages());
                assertEquals(event, unsent.get(1).eventId());
                assertEquals(1, unsent.get(1).qos());
            } finally {
                vertx.closeAndAwait();
            }
        }
    }

    private static void migrate(String url, String target) {
        Flyway.configure()
                .dataSource(url, "nemo", null)
                .locations("classpath:db/migration")
                .target(target)
                .load()
                .migrate();
    }
}
