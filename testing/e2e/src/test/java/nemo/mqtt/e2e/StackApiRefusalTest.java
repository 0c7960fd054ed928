package nemo.mqtt.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.TestMqttClient;

/** The local stack's event API refuses what it must (no token, bad JSON, a missing field) and publishes none of it. */
@Order(3)
@OnSharedStack
class StackApiRefusalTest {

    @Test
    void badRequestsAreRefusedAndNothingIsPublished(SharedStack shared) throws Exception {
        String token = shared.stack.apiToken();
        long before = shared.streams.length();
        try (TestMqttClient display = shared.display("nemo/tools/77/+")) {
            HttpResponse<String> noToken = shared.send("{\"event\":\"tool_enabled\",\"tool_id\":77}", null);
            assertEquals(401, noToken.statusCode());
            HttpResponse<String> malformed = shared.send("{\"event\":\"tool_enabled\",", token);
            assertEquals(400, malformed.statusCode());
            assertEquals(
                    "application/problem+json",
                    malformed.headers().firstValue("Content-Type").orElse(""));
            HttpResponse<String> noToolId =
                    shared.send("{\"event\":\"tool_enabled\",\"tool_name\":\"Woollam\"}", token);
            assertEquals(400, noToolId.statusCode());
            assertEquals(
                    "tool_id",
                    new JsonObject(noToolId.body())
                            .getJsonArray("errors")
                            .getJsonObject(0)
                            .getString("field"));

            // a good event afterwards is the only one that comes through (with the status it changed)
            shared.post("{\"event\":\"tool_enabled\",\"tool_id\":77}");
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> display.received().size() >= 3);
            assertEquals(before + 3, shared.streams.length());
            assertEquals(
                    List.of("nemo/tools/77/enabled", "nemo/tools/77/status", "nemo/tools/77/display"),
                    display.received().stream()
                            .map(TestMqttClient.Received::topic)
                            .toList());
        }
    }
}
