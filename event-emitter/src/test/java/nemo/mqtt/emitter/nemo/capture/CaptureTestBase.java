package nemo.mqtt.emitter.nemo.capture;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.BeforeEach;

/** What the capture tests share: the app's capture source and database, and how they read what it stored. */
abstract class CaptureTestBase {

    static final Duration WAIT =
            Duration.ofSeconds(60); // the first display payload initialises ICU: seconds on a loaded machine

    @Inject
    CaptureSource source;

    @Inject
    Pool db;

    @BeforeEach
    void capturing() {
        await().atMost(Duration.ofSeconds(90)).until(source::running);
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
                        "select payload from outbox where tool_id = $1 and topic like '%/status' order by id")
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
