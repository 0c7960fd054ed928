package nemo.mqtt.emitter.nemo.capture;

import static nemo.mqtt.emitter.EmitterApi.state;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import nemo.mqtt.testing.NemoRows;

/**
 * What the capture tests share: the app's capture source and database, NEMO's rows, the usual steps
 * in NEMO, and how they read what the emitter stored.
 */
abstract class CaptureTestBase {

    static final Duration WAIT =
            Duration.ofSeconds(60); // the first display payload initialises ICU: seconds on a loaded machine

    @Inject
    CaptureSource source;

    @Inject
    Pool db;

    /** NEMO's rows, through a connection of the test's own. */
    NemoRows nemo;

    @BeforeEach
    void capturing() throws SQLException {
        await().atMost(Duration.ofSeconds(90)).until(source::running);
        nemo = NemoDatabaseResource.rows();
    }

    @AfterEach
    void closeNemo() throws SQLException {
        nemo.close();
    }

    /** Starts a usage of {@code tool} by {@code user} in NEMO, waits until the emitter shows it in use; its id. */
    long inUse(long tool, long user) throws SQLException {
        return inUse(tool, tool, user, user);
    }

    /**
     * Starts a usage of {@code tool} by {@code user}, run by {@code operator}, in NEMO and waits until
     * the emitter shows it on {@code shownOn} (the tool, or a child tool's parent); its id.
     */
    long inUse(long shownOn, long tool, long user, long operator) throws SQLException {
        long usage = nemo.startUsage(tool, user, operator);
        await().atMost(WAIT)
                .untilAsserted(() -> state(shownOn).body("state", is("in_use")).body("usage_id", is((int) usage)));
        return usage;
    }

    /** A task as NEMO's form creates it: INSERT, then saved again unchanged (nothing new); its id. */
    long newTask(long tool, long user, boolean shutdown, String problem) throws SQLException {
        long task = nemo.task(tool, user, shutdown, problem);
        nemo.saveTask(task, null, false);
        return task;
    }

    /** The tool's events as stored (payloads), in seq order. */
    List<JsonObject> events(long tool) {
        List<JsonObject> events = new ArrayList<>();
        for (Row row : db.preparedQuery("select payload from tool_event where tool_id = $1 order by seq")
                .execute(Tuple.of(tool))
                .await()
                .atMost(WAIT)) {
            events.add(new JsonObject(row.getString(0)));
        }
        return events;
    }

    /** The tool's first event of {@code type}. */
    JsonObject event(long tool, String type) {
        return events(tool).stream()
                .filter(e -> e.getString("event").equals(type))
                .findFirst()
                .orElseThrow();
    }

    /** The states the tool's retained status showed, in the order published. */
    List<String> statuses(long tool) {
        List<String> states = new ArrayList<>();
        for (Row row : db.preparedQuery(
                        "select m.payload from outbox o, unnest(o.topics, o.payloads) with ordinality as m(topic, payload, n)"
                                + " where o.tool_id = $1 and m.topic like '%/status' order by o.id, m.n")
                .execute(Tuple.of(tool))
                .await()
                .atMost(WAIT)) {
            states.add(new JsonObject(row.getString(0)).getString("state"));
        }
        return states;
    }

    static List<String> types(List<JsonObject> events) {
        return events.stream().map(e -> e.getString("event")).toList();
    }
}
