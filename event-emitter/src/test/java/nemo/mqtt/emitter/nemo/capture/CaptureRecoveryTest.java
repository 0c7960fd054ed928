package nemo.mqtt.emitter.nemo.capture;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.NemoRows;
import nemo.mqtt.testing.PostgresTestResource;
import nemo.mqtt.testing.RedisTestResource;

/**
 * The capture stopped and started again, its slot lost, its lease taken by another replica:
 * it resumes exactly, says so loudly, hands over.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = NemoDatabaseResource.class, restrictToAnnotatedClass = true)
class CaptureRecoveryTest extends CaptureTestBase {

    @AfterEach
    void resumed() {
        source.resume(); // a test that paused the capture and failed leaves it to the next one running
    }

    @Inject
    DataSource emitterDb;

    @Test
    void aStoppedEngineResumesWhereItsEventsWereCommitted() throws Exception {
        long user = nemo.user("mia", "Mia", "Ford", false);
        List<Long> tools = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tools.add(nemo.tool("Resume " + i, null));
        }
        int rounds = 30;
        Thread writer = new Thread(() -> {
            try (NemoRows rows = NemoDatabaseResource.rows()) {
                for (int round = 0; round < rounds; round++) {
                    for (long tool : tools) {
                        rows.endUsage(rows.startUsage(tool, user, user), Instant.now());
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        await().atMost(WAIT).until(() -> events(tools.get(0)).size() > 5);
        source.pause(); // mid-stream: the writer goes on
        assertFalse(source.running());
        writer.join(WAIT.toMillis());
        source.resume();
        for (long tool : tools) {
            await().atMost(Duration.ofSeconds(60)).until(() -> events(tool).size() == 1 + 2 * rounds);
            List<JsonObject> events = events(tool);
            long previous = 0;
            for (int i = 1; i < events.size(); i += 2) {
                // per tool: enabled then disabled of one usage, usages in NEMO's order, each once
                assertEquals("tool_enabled", events.get(i).getString("event"));
                assertEquals("tool_disabled", events.get(i + 1).getString("event"));
                long usage = events.get(i).getLong("usage_id");
                assertEquals(usage, events.get(i + 1).getLong("usage_id"));
                assertTrue(usage > previous);
                previous = usage;
            }
        }
        // the slot follows the committed position, so NEMO keeps no WAL for what is stored
        await().atMost(WAIT).until(() -> slotBytesBehind(nemo) < 1024 * 1024);
    }

    /**
     * One NEMO transaction's changes reach the capture together and are stored as one part
     * (CaptureView): each sees the rows the ones before it wrote (a new tool, its child, a new user
     * and their rename), as when they arrive one by one.
     */
    @Test
    void changesStoredTogetherSeeWhatTheOnesBeforeThemWrote() throws Exception {
        long parent;
        long usage;
        Connection connection = NemoDatabaseResource.connect();
        connection.setAutoCommit(false);
        try (NemoRows transaction = new NemoRows(connection)) {
            long user = transaction.user("ann", "Ann", "Lee", false);
            parent = transaction.tool("Together", null);
            long child = transaction.tool("Together chamber 2", parent);
            usage = transaction.startUsage(child, user, user);
            transaction.update("update \"NEMO_user\" set first_name = ? where id = ?", "Anna", user);
            transaction.endUsage(usage, Instant.now());
            connection.commit();
        }
        await().atMost(WAIT).until(() -> events(parent).size() == 3);
        List<JsonObject> events = events(parent);
        assertEquals(List.of("tool_updated", "tool_enabled", "tool_disabled"), types(events));
        JsonObject enabled = events.get(1);
        assertEquals(usage, enabled.getLong("usage_id"));
        assertEquals("Together", enabled.getString("tool_name"));
        assertEquals("Together chamber 2", enabled.getString("child_tool_name"));
        assertEquals("Ann Lee", enabled.getString("user_name"), "the name when the usage started");
        assertEquals("Anna Lee", events.get(2).getString("user_name"));
    }

    @Test
    void aLostSlotStopsTheCaptureLoudlyUntilSomeoneRecovers() throws Exception {
        long tool = nemo.tool("Slot witness", null); // so the emitter has a position in the slot
        await().atMost(WAIT).until(() -> !events(tool).isEmpty());
        await().atMost(WAIT)
                .until(() -> db.query("select 1 from nemo_capture_offset")
                                .execute()
                                .await()
                                .atMost(WAIT)
                                .size()
                        == 1);
        source.pause();
        await().atMost(WAIT).until(() -> {
            try {
                nemo.insert("select 1 from pg_drop_replication_slot('nemo_mqtt_test')");
                return true;
            } catch (SQLException stillActive) {
                return false;
            }
        });
        await().atMost(WAIT)
                .untilAsserted(() ->
                        given().get("/q/health/ready").then().statusCode(503).body(containsString("replication slot")));
        // recovery as the README says: forget the position; the capture creates the slot again
        db.query("delete from nemo_capture_offset").execute().await().atMost(WAIT);
        source.resume();
        await().atMost(Duration.ofSeconds(60)).until(source::running);
        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void anotherReplicaTakesOverWhenTheCapturingOneLosesItsLease() throws Exception {
        CaptureLease other = new CaptureLease(emitterDb); // a second replica's
        assertFalse(other.tryTake(), "one replica at a time");
        // the capturing replica's lease connection ends, as when its pod dies: the other takes over
        await().atMost(WAIT).until(() -> {
            db.query(
                            "select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and objid = 1128353876")
                    .execute()
                    .await()
                    .atMost(WAIT);
            return other.tryTake();
        });
        await().atMost(WAIT).until(() -> !source.running() && !source.holdsLease());
        given().get("/q/health/ready").then().statusCode(200).body(containsString("standby"));
        other.release(); // the other replica goes away: this one captures again
        await().atMost(Duration.ofSeconds(90)).until(source::running);
    }

    static long slotBytesBehind(NemoRows nemo) throws SQLException {
        return nemo.insert("""
                select pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint
                from pg_replication_slots where slot_name = 'nemo_mqtt_test'""");
    }
}
