package nemo.mqtt.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.RedisTestResource;
import nemo.mqtt.testing.TestMqttClient;
import nemo.mqtt.wire.Republish;
import nemo.mqtt.wire.SealedSecret;

/**
 * Announced settings the bridge cannot use end as the heartbeat's settings_error; the old connection
 * stays and keeps delivering, and the next version still applies (issues 13 and 14).
 */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = SettingsRefusalResource.class, restrictToAnnotatedClass = true)
class SettingsRefusalTest extends AnnouncedSettingsFixture {

    private static final String SETTINGS_KEY = "refusal:bridge:settings";
    private static final AtomicLong VERSIONS = new AtomicLong(100);

    @Test
    void keepAliveZeroIsRefusedAndTheNextVersionStillApplies() {
        try (TestMqttClient display = display()) {
            long zero = announce(usable().put("keep_alive_seconds", 0));
            assertRefused(zero, "keep_alive_seconds", display);
            long thirty = announce(usable().put("keep_alive_seconds", 30));
            assertApplied(thirty);
            assertEquals(30, broker.settings().keepAliveSeconds());
        }
    }

    @Test
    void everyKindOfUnusableSettingsIsRefusedAndDeliveryGoesOn() {
        try (TestMqttClient display = display()) {
            assertRefused(announce(usable().put("port", 0)), "port", display);
            assertRefused(announce(usable().put("port", 70000)), "port", display);
            assertRefused(announce(usable().put("keep_alive_seconds", -5)), "keep_alive_seconds", display);
            assertRefused(announce(usable().put("in_flight_window", 0)), "in_flight_window", display);
            assertRefused(announce(usable().put("qos", 7)), "qos", display);
            assertRefused(announce(usable().put("topic_prefix", "nemo/#")), "topic_prefix", display);
            assertRefused(announce(usable().put("topic_prefix", "$SYS/nemo")), "topic_prefix", display);
            assertRefused(
                    announce(usable().put("username", "u").put("password", "not sealed")),
                    "password is not a sealed secret",
                    display);
            assertRefused(
                    announce(usable().put("password", sealer().seal("password", "p"))),
                    "password needs a username",
                    display);
            // a CA that is not PEM: only the TLS layer finds out, when the trial connects
            assertRefused(
                    announce(usable().put(
                                    "ca_pem",
                                    "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n")),
                    "",
                    display);
            redis.value(String.class).set(SETTINGS_KEY, "{\"version\": " + VERSIONS.incrementAndGet() + ", \"port\": ");
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            String.valueOf(heartbeatField("settings_error")).contains("not valid JSON"));
            assertApplied(announce(usable()));
        }
    }

    @Test
    void aVersionNotNewerThanTheAppliedOneIsIgnored() {
        long applied = announce(usable());
        assertApplied(applied);
        redis.value(String.class)
                .set(
                        SETTINGS_KEY,
                        usable().put("version", applied - 1).put("port", 1).encode());
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> broker.settings().version() == applied && heartbeatField("settings_error") == null);
        redis.value(String.class)
                .set(
                        SETTINGS_KEY,
                        usable().put("version", applied)
                                .put("keep_alive_seconds", 0)
                                .encode());
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> broker.settings().version() == applied && heartbeatField("settings_error") == null);
    }

    @Test
    void aNewTopicPrefixAsksForTheRetainedMessagesAgain() {
        String key = Republish.key("refusal:events");
        assertApplied(announce(usable()));
        redis.key().del(key);
        try (TestMqttClient display = Displays.on(SettingsRefusalResource.broker.port(), "lab2/#")) {
            assertApplied(announce(usable().put("topic_prefix", "lab2")));
            String request = await().atMost(Duration.ofSeconds(10))
                    .until(() -> redis.value(String.class).get(key), java.util.Objects::nonNull);
            JsonObject json = new JsonObject(request);
            assertEquals(Republish.TOPIC_PREFIX_CHANGED, json.getString("reason"));
            assertEquals("refusal-bridge", json.getString("requested_by"));
            assertTrue(json.getString("requested_at").endsWith("+00:00"), json.encode());
            String note = add();
            await().atMost(Duration.ofSeconds(10)).until(() -> delivered(display, note, "lab2/tools/9/enabled"));
        }
        assertApplied(announce(usable()));
    }

    @Test
    void sealedSecretsOpenWithTheSettingsKeyAndAnotherKeyIsRefused() throws IOException {
        DevCerts certs = DevCerts.shared();
        SealedSecret sealer = SealedSecret.withKey(SettingsRefusalResource.encryptionKey);
        String cert = Files.readString(certs.cert("bridge"));
        String key = Files.readString(certs.key("bridge"));
        try (TestMqttClient display = display()) {
            // the announced key is the one used: the display's key does not match the bridge's certificate
            assertRefused(
                    announce(usable().put("client_cert_pem", cert)
                            .put(
                                    "client_key_pem",
                                    sealer.seal("client_key_pem", Files.readString(certs.key("display"))))),
                    "",
                    display);
            long sealed = announce(usable().put("client_cert_pem", cert)
                    .put("client_key_pem", sealer.seal("client_key_pem", key))
                    .put("username", "nemo-bridge")
                    .put("password", sealer.seal("password", "not-checked-by-this-broker")));
            assertApplied(sealed);
            assertTrue(broker.settings().clientKey().value().isPresent());

            byte[] other = new byte[32];
            new SecureRandom().nextBytes(other);
            SealedSecret stranger = SealedSecret.withKey(Base64.getEncoder().encodeToString(other));
            long wrongKey = announce(
                    usable().put("client_cert_pem", cert).put("client_key_pem", stranger.seal("client_key_pem", key)));
            String error = assertRefused(wrongKey, "client_key_pem cannot be decrypted", display);
            assertTrue(!error.contains("PRIVATE KEY") && !error.contains(key.substring(40, 60)), error);
            assertEquals(sealed, broker.settings().version());
        }
        assertApplied(announce(usable()));
    }

    private static SealedSecret sealer() {
        return SealedSecret.withKey(SettingsRefusalResource.encryptionKey);
    }

    /** Settings the bridge can use: this test's broker, with the configured TLS material. */
    private static JsonObject usable() {
        return new JsonObject()
                .put("port", SettingsRefusalResource.broker.port())
                .put("topic_prefix", "nemo")
                .put("keep_alive_seconds", 30);
    }

    private long announce(JsonObject settings) {
        long version = VERSIONS.incrementAndGet();
        redis.value(String.class)
                .set(SETTINGS_KEY, settings.put("version", version).encode());
        return version;
    }

    /** The version is refused in the heartbeat, the applied settings stay, and entries still flow. */
    private String assertRefused(long version, String expected, TestMqttClient display) {
        long applied = broker.settings().version();
        String error = await("settings_error for version " + version)
                .atMost(Duration.ofSeconds(20))
                .until(
                        () -> (String) heartbeatField("settings_error"),
                        e -> e != null && e.startsWith("Version " + version + " refused"));
        assertTrue(error.contains(expected), error);
        assertEquals(applied, broker.settings().version(), "the applied settings stay");
        assertEquals(applied, ((Number) heartbeatField("settings_version")).longValue());
        String note = add();
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(display, note, "nemo/tools/9/enabled"));
        return error;
    }

    private void assertApplied(long version) {
        await("version " + version + " applied")
                .atMost(Duration.ofSeconds(20))
                .until(() -> broker.isConnected()
                        && heartbeatField("settings_version") instanceof Number applied
                        && applied.longValue() == version
                        && heartbeatField("settings_error") == null);
        assertNull(broker.settingsError());
    }

    private TestMqttClient display() {
        return Displays.on(SettingsRefusalResource.broker.port(), "nemo/#");
    }

    private Object heartbeatField(String field) {
        String status = redis.value(String.class).get(heartbeat.key());
        return status == null ? null : new JsonObject(status).getValue(field);
    }

    private static boolean delivered(TestMqttClient display, String note, String topic) {
        return display.received().stream()
                .anyMatch(m -> m.topic().equals(topic) && NotedEvents.carries(m.payload(), note));
    }

    private String add() {
        String note = UUID.randomUUID().toString();
        redis.stream(String.class).xadd("refusal:events:1", NotedEvents.toolEnabled(9, note));
        return note;
    }
}
