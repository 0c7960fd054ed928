package nemo.mqtt.monitor;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.SharedServices;
import nemo.mqtt.testing.SseClient;
import nemo.mqtt.testing.TestMqttClient;

@QuarkusTest
@QuarkusTestResource(BrokerTestResource.class)
class LiveFeedTest {

    @TestHTTPResource("/feed")
    URI feed;

    @Test
    void messagesPublishedToTheBrokerArriveOverServerSentEvents() {
        String marker = UUID.randomUUID().toString();
        try (SseClient browser = SseClient.open(feed); TestMqttClient publisher = publisher()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.status() == 200);
            assertTrue(browser.contentType().startsWith("text/event-stream"), browser.contentType());
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                publisher.publish("nemo/tools/9/enabled", "{\"probe\":\"" + marker + "\"}", false);
                assertTrue(browser.events().stream().anyMatch(e -> e.data().contains(marker)));
            });
            JsonObject message = new JsonObject(browser.events().stream().filter(e -> e.data().contains(marker))
                    .findFirst().orElseThrow().data());
            assertEquals("nemo/tools/9/enabled", message.getString("topic"));
            assertEquals(1, message.getInteger("qos"));
            assertEquals(marker, new JsonObject(message.getString("payload")).getString("probe"));
        }
    }

    @Test
    void aReconnectWithLastEventIdReplaysExactlyTheMissedMessages() {
        String run = UUID.randomUUID().toString();
        try (TestMqttClient publisher = publisher()) {
            String lastSeen;
            try (SseClient browser = SseClient.open(feed)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> browser.status() == 200);
                // probe until the subscription is live, then wait for the last probe: nothing is in flight after it
                java.util.concurrent.atomic.AtomicInteger probes = new java.util.concurrent.atomic.AtomicInteger();
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                    publisher.publish("nemo/tools/10/enabled",
                            "{\"run\":\"" + run + "\",\"probe\":" + probes.incrementAndGet() + "}", false);
                    assertTrue(browser.events().stream().anyMatch(e -> e.data().contains(run)));
                });
                String lastProbe = "\\\"probe\\\":" + probes.get() + "}";
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> browser.events().stream().anyMatch(e -> e.data().contains(lastProbe)));
                lastSeen = browser.events().get(browser.events().size() - 1).id();
            }
            for (int n = 1; n <= 3; n++) {
                publisher.publish("nemo/tools/10/disabled", "{\"run\":\"" + run + "\",\"n\":" + n + "}", false);
            }
            // the page renders what the monitor has received: wait until the last of the three is there
            String third = "{&quot;run&quot;:&quot;" + run + "&quot;,&quot;n&quot;:3}";
            await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/").then().statusCode(200)
                    .extract().asString().contains(third));
            try (SseClient resumed = SseClient.resume(feed, lastSeen)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> resumed.events().size() >= 3);
                List<Integer> replayed = resumed.events().stream()
                        .map(e -> new JsonObject(new JsonObject(e.data()).getString("payload")))
                        .filter(payload -> run.equals(payload.getString("run")))
                        .map(payload -> payload.getInteger("n"))
                        .toList();
                assertEquals(List.of(1, 2, 3), replayed);
                assertEquals(Long.parseLong(lastSeen) + 1, Long.parseLong(resumed.events().get(0).id()));
            }
        }
    }

    private static TestMqttClient publisher() {
        return TestMqttClient.display(DevCerts.shared(), SharedServices.mosquitto().port()).connect();
    }
}
