package nemo.mqtt.monitor;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.SharedServices;
import nemo.mqtt.testing.SseClient;
import nemo.mqtt.testing.TestMqttClient;

/** Issue 14: with signing on, whoever can publish cannot pin a card on the board. */
@QuarkusTest
@TestProfile(SigningOn.class)
@QuarkusTestResource(BrokerTestResource.class)
class SignedMessagesTest {

    @TestHTTPResource("/")
    URI feed;

    private static String status(long tool, long seq, String state, String user) {
        return new JsonObject()
                .put("event", "tool_status")
                .put("tool_id", tool)
                .put("tool_name", "Ellipsometer " + tool)
                .put("state", state)
                .put("user_name", user)
                .put("since", "2026-11-30T09:03:44.240+00:00")
                .put("event_id", "00000000-0000-4000-8000-0000000" + String.format("%05d", seq % 100000))
                .put("seq", seq)
                .put("timestamp", "2026-11-30T09:03:44.240+00:00")
                .encode();
    }

    private static String signed(String payload, String key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String hmac = HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        return new JsonObject()
                .put("payload", payload)
                .put("hmac", hmac)
                .put("algo", "sha256")
                .encode();
    }

    private static double rejected(String reason) {
        return MetricsPage.count("nemo_monitor_messages_rejected_total", reason);
    }

    @Test
    void spoofedRetainedStatusesNeverReachTheBoardButASignedOneDoes() throws Exception {
        long tool = 7401;
        String topic = "nemo/tools/" + tool + "/status";
        double unsignedBefore = rejected("unsigned");
        double wrongBefore = rejected("wrong_signature");
        try (TestMqttClient anyone = TestMqttClient.display(
                        DevCerts.shared(), SharedServices.mosquitto().port())
                .connect()) {
            anyone.publish(topic, status(tool, 999999, "shutdown", "Mallory Unsigned"), true);
            await().atMost(Duration.ofSeconds(15)).until(() -> rejected("unsigned") > unsignedBefore);
            anyone.publish(topic, signed(status(tool, 999998, "shutdown", "Mallory Guessed"), "guessed-key"), true);
            await().atMost(Duration.ofSeconds(15)).until(() -> rejected("wrong_signature") > wrongBefore);
            Login.page(Login.VIEWER, "/")
                    .body(not(containsString("id=\"tool-" + tool + "\"")))
                    .body(not(containsString("Mallory")));

            // the real emitter's status, seq 1, shows: the spoofed seq 999999 pinned nothing
            anyone.publish(topic, signed(status(tool, 1, "in_use", "Alice Signed"), SigningOn.KEY), true);
            await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> Login.page(Login.VIEWER, "/")
                            .body(containsString("id=\"tool-" + tool + "\""))
                            .body(containsString("Alice Signed"))
                            .body(not(containsString("Mallory"))));
            // nor does the live log: its buffer, replayed from the start, holds the signed one only
            try (SseClient log =
                    SseClient.open(feed.resolve("/feed?after=0"), Login.COOKIE + "=" + Login.session(Login.VIEWER))) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() ->
                                log.events().stream().anyMatch(e -> e.data().contains("Alice Signed")));
                assertTrue(log.events().stream().noneMatch(e -> e.data().contains("Mallory")));
            }
            anyone.publish(topic, "", true);
        }
    }
}
