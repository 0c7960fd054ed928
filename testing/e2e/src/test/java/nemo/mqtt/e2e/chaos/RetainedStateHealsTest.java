package nemo.mqtt.e2e.chaos;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.TestMqttClient;

/**
 * Issue 13, "Retained state heals itself": Mosquitto keeps retained messages in memory and writes them
 * to disk only every {@code autosave_interval}; a broker SIGKILLed within that interval comes back
 * with an older retained status. Whatever the broker lost, a display that connects afterwards must
 * get each tool's current state within seconds, not the state of the last snapshot.
 */
class RetainedStateHealsTest {

    @AutoClose
    private static final ChaosStack stack = new ChaosStack().start();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aToolShutDownJustBeforeTheBrokerCrashedIsShownShutDownAfterItRestarts() throws Exception {
        long tool = 4101;
        Path snapshot = stack.brokerSnapshot();
        try (TestMqttClient display = TestMqttClient.display(stack.certs, stack.broker.port())
                .connect()
                .subscribe("nemo/tools/" + tool + "/status")) {
            post("""
                    {"event": "tool_enabled", "tool_id": %d, "tool_name": "Fiji 2", "user_name": "Alice Smith",
                     "usage_id": 72001, "start_time": "2026-11-30T08:00:00Z"}""".formatted(tool));
            await("the in-use status arrives")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> lastState(display).filter("in_use"::equals).isPresent());

            // the broker's snapshot now holds "in use" ...
            FileTime inUseReceived = FileTime.fromMillis(System.currentTimeMillis());
            stack.awaitBrokerSnapshotAfter(inUseReceived, "the broker snapshots the in-use status");
            FileTime snapshotWithInUse = Files.getLastModifiedTime(snapshot);

            // ... and the shutdown reaches it but not its disk: SIGKILL right after it arrived
            post("""
                    {"event": "tool_non_operational", "tool_id": %d, "tool_name": "Fiji 2", "user_name": "Bob Staff",
                     "note": "Chamber leak"}""".formatted(tool));
            await("the shutdown status arrives")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> lastState(display).filter("shutdown"::equals).isPresent());
            stack.broker.kill();
            assertEquals(
                    snapshotWithInUse,
                    Files.getLastModifiedTime(snapshot),
                    "the broker snapshotted between the shutdown and the kill; the case did not happen (rerun)");
        }
        stack.broker.start(); // same port and data directory: it loads the older snapshot

        try (TestMqttClient late = TestMqttClient.display(stack.certs, stack.broker.port())
                .connect()
                .subscribe("nemo/tools/" + tool + "/status")) {
            await("a display connecting after the crash is told the tool is shut down")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> lastState(late).filter("shutdown"::equals).isPresent());
        }
        try (TestMqttClient later = TestMqttClient.display(stack.certs, stack.broker.port())
                .connect()
                .subscribe("nemo/tools/" + tool + "/status")) {
            await("and the broker retains it")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> later.received().stream()
                            .anyMatch(r -> r.retained() && "shutdown".equals(state(r.payload()))));
        }
    }

    private static Optional<String> lastState(TestMqttClient client) {
        var received = client.received();
        return received.isEmpty()
                ? Optional.empty()
                : Optional.ofNullable(state(received.get(received.size() - 1).payload()));
    }

    private static String state(String payload) {
        return payload.isEmpty() ? null : new JsonObject(payload).getString("state");
    }

    private void post(String body) throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.emitterPort() + "/api/v1/events"))
                        .header("Authorization", "Bearer " + stack.apiToken)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, answer.statusCode(), answer.body());
    }
}
