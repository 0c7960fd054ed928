package nemo.mqtt.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.mqtt.MqttConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.mqtt.internal.MqttHelpers;
import io.smallrye.reactive.messaging.mqtt.session.ConstantReconnectDelayOptions;
import io.smallrye.reactive.messaging.mqtt.session.MqttClientSessionOptions;
import io.smallrye.reactive.messaging.providers.impl.ConnectorConfig;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nemo.mqtt.service.mqtt.MqttOptions;
import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.SharedServices;
import nemo.mqtt.testing.SseClient;
import nemo.mqtt.testing.TestMqttClient;

@QuarkusTest
@QuarkusTestResource(BrokerTestResource.class)
class LiveFeedTest {

    @TestHTTPResource("/feed")
    URI feed;

    private String session;

    @BeforeEach
    void signIn() {
        session = Login.COOKIE + "=" + Login.session(Login.VIEWER);
    }

    @Inject
    @Any
    Instance<MqttClientSessionOptions> clientOptionBeans;

    @Test
    void theSubscriptionKeepsItsTlsSettingsOnBoringSsl() {
        // what the connector builds the subscription's client from: our bean with its settings merged in
        Config channel = new ConnectorConfig("mp.messaging.incoming.", ConfigProvider.getConfig(), "nemo") {};
        MqttClientSessionOptions options =
                MqttHelpers.createClientOptions(new MqttConnectorIncomingConfiguration(channel), clientOptionBeans);
        assertInstanceOf(OpenSSLEngineOptions.class, options.getSslEngineOptions());
        assertEquals(Set.copyOf(MqttOptions.CIPHER_SUITES), options.getEnabledCipherSuites());
        assertTrue(options.isSsl());
        assertEquals("HTTPS", options.getHostnameVerificationAlgorithm());
        assertEquals(
                List.of(DevCerts.shared().ca().toString()),
                ((PemTrustOptions) options.getTrustOptions()).getCertPaths());
        assertEquals(
                DevCerts.shared().key("monitor").toString(),
                ((PemKeyCertOptions) options.getKeyCertOptions()).getKeyPath());
        assertTrue(options.getClientId().startsWith("nemo-monitor-"), options.getClientId());
        assertEquals(2 * 1024 * 1024, options.getMaxMessageSize());
        assertEquals(Duration.ofSeconds(1), ((ConstantReconnectDelayOptions) options.getReconnectDelay()).getDelay());
    }

    @Test
    void theFeedNeedsASession() {
        try (SseClient stranger = SseClient.open(feed)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stranger.status() != 0);
            assertEquals(302, stranger.status(), "an anonymous client is sent to the login page");
            assertTrue(stranger.events().isEmpty());
        }
    }

    @Test
    void messagesPublishedToTheBrokerArriveOverServerSentEvents() {
        String marker = UUID.randomUUID().toString();
        try (SseClient browser = SseClient.open(feed, session);
                TestMqttClient publisher = publisher()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.status() == 200);
            assertTrue(browser.contentType().startsWith("text/event-stream"), browser.contentType());
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                publisher.publish("nemo/tools/9/enabled", "{\"probe\":\"" + marker + "\"}", false);
                assertTrue(browser.events().stream().anyMatch(e -> e.data().contains(marker)));
            });
            JsonObject message = new JsonObject(browser.events().stream()
                    .filter(e -> e.data().contains(marker))
                    .findFirst()
                    .orElseThrow()
                    .data());
            assertEquals("nemo/tools/9/enabled", message.getString("topic"));
            assertEquals(1, message.getInteger("qos"));
            assertEquals(marker, new JsonObject(message.getString("payload")).getString("probe"));
        }
    }

    @Test
    void aReconnectWithLastEventIdReplaysExactlyTheMissedMessages() {
        String run = UUID.randomUUID().toString();
        try (TestMqttClient publisher = publisher();
                SseClient watcher = SseClient.open(feed, session)) {
            String lastSeen;
            try (SseClient browser = SseClient.open(feed, session)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> browser.status() == 200);
                // probe until the subscription is live, then wait for the last probe: nothing is in flight after it
                AtomicInteger probes = new AtomicInteger();
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                    publisher.publish(
                            "nemo/tools/10/enabled",
                            "{\"run\":\"" + run + "\",\"probe\":" + probes.incrementAndGet() + "}",
                            false);
                    assertTrue(browser.events().stream().anyMatch(e -> e.data().contains(run)));
                });
                String lastProbe = "\\\"probe\\\":" + probes.get() + "}";
                await().atMost(Duration.ofSeconds(10))
                        .until(() ->
                                browser.events().stream().anyMatch(e -> e.data().contains(lastProbe)));
                lastSeen = browser.events().get(browser.events().size() - 1).id();
            }
            for (int n = 1; n <= 3; n++) {
                publisher.publish("nemo/tools/10/disabled", "{\"run\":\"" + run + "\",\"n\":" + n + "}", false);
            }
            // a browser that stayed connected shows when the monitor has received all three
            String third = "\\\"run\\\":\\\"" + run + "\\\",\\\"n\\\":3}";
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            watcher.events().stream().anyMatch(e -> e.data().contains(third)));
            try (SseClient resumed = SseClient.resume(feed, lastSeen, session)) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> resumed.events().size() >= 3);
                List<Integer> replayed = resumed.events().stream()
                        .map(e -> new JsonObject(new JsonObject(e.data()).getString("payload")))
                        .filter(payload -> run.equals(payload.getString("run")))
                        .map(payload -> payload.getInteger("n"))
                        .toList();
                assertEquals(List.of(1, 2, 3), replayed);
                assertEquals(
                        sequence(lastSeen) + 1, sequence(resumed.events().get(0).id()));
            }
            // an id from an earlier run of the monitor (or another replica) names nothing here: everything buffered
            try (SseClient elsewhere = SseClient.resume(feed, "0ther1d-" + sequence(lastSeen), session)) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> elsewhere.events().stream()
                                .anyMatch(e -> e.data().contains(third)));
                assertTrue(
                        elsewhere.events().stream()
                                .anyMatch(
                                        e -> e.data().contains(run) && e.data().contains("probe")),
                        "the buffer from before the id, too");
            }
        }
    }

    private static long sequence(String eventId) {
        return Long.parseLong(eventId.substring(eventId.lastIndexOf('-') + 1));
    }

    private static TestMqttClient publisher() {
        return TestMqttClient.display(
                        DevCerts.shared(), SharedServices.mosquitto().port())
                .connect();
    }
}
