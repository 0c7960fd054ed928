package nemo.mqtt.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import nemo.mqtt.bridge.mqtt.BrokerConnection;
import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.RedisTestResource;
import nemo.mqtt.testing.ServiceProcess;
import nemo.mqtt.testing.StreamEntries;
import nemo.mqtt.testing.TestMqttClient;
import nemo.mqtt.wire.Republish;

/** Retained state heals (issue 13): a broker without the session gets every retained message again; none goes back in seq. */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(
        value = KillableBrokerResource.class,
        restrictToAnnotatedClass = true,
        initArgs = {
            @ResourceArg(name = "consumer-name", value = "healing-bridge"),
            @ResourceArg(name = "key-prefix", value = "healing:events"),
            @ResourceArg(name = "reconnect-max", value = "500ms")
        })
class RetainedStateTest {

    private static final String REQUEST = Republish.key("healing:events");

    @Inject
    RedisDataSource redis;

    @Inject
    BrokerConnection broker;

    @Inject
    MeterRegistry registry;

    @Test
    void aBrokerThatLostTheSessionIsAskedToGetEveryRetainedMessageAgain() {
        // the first connection ever has no session either
        assertRequested(Republish.BROKER_SESSION_LOST);
        redis.key().del(REQUEST);

        // a restart that kept the persistent session may still have rolled back to an older snapshot
        long before = broker.connected().await().atMost(Duration.ofSeconds(10));
        KillableBrokerResource.broker.stop();
        KillableBrokerResource.broker.start();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> broker.isConnected() && broker.connected().await().atMost(Duration.ofSeconds(5)) > before);
        assertRequested(Republish.BROKER_RECONNECTED);
        redis.key().del(REQUEST);

        // killed, and a fresh broker without its state on the same port
        int port = KillableBrokerResource.broker.port();
        KillableBrokerResource.broker.kill();
        KillableBrokerResource.broker =
                ServiceProcess.mosquitto(port, DevCerts.shared().dir());
        assertRequested(Republish.BROKER_SESSION_LOST);
    }

    @Test
    void aRetainedEntryOlderThanOneAlreadyPublishedIsAckedWithoutPublishing() {
        double skippedBefore = skipped();
        add(801, 5, "status-5");
        add(801, 3, "status-3 (late)");
        add(802, 2, "other tool");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> skipped() - skippedBefore >= 1
                        && pending("healing:events:1") == 0
                        && pending("healing:events:2") == 0);
        try (TestMqttClient late = Displays.on(KillableBrokerResource.broker.port(), "nemo/tools/+/status")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> late.received().size() >= 2);
            TestMqttClient.Received retained = late.received().stream()
                    .filter(m -> m.topic().equals("nemo/tools/801/status"))
                    .findFirst()
                    .orElseThrow();
            assertTrue(retained.retained());
            assertEquals(5, new JsonObject(retained.payload()).getLong("seq"), "the newer state stays retained");
        }
        assertEquals(1.0, skipped() - skippedBefore);
    }

    private void assertRequested(String reason) {
        String request = await().atMost(Duration.ofSeconds(30))
                .until(() -> redis.value(String.class).get(REQUEST), Objects::nonNull);
        JsonObject json = new JsonObject(request);
        assertEquals(reason, json.getString("reason"));
        assertEquals("healing-bridge", json.getString("requested_by"));
        assertTrue(
                json.getString("requested_at").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+00:00"),
                json.encode());
    }

    private void add(long tool, long seq, String note) {
        Map<String, String> fields = StreamEntries.toolEvent(tool, seq, "status");
        fields.put("retain", "1");
        fields.put(
                "payload",
                new JsonObject(fields.get("payload")).put("note", note).encode());
        redis.stream(String.class).xadd("healing:events:" + (tool % 8), fields);
    }

    private double skipped() {
        var counter = registry.find("nemo.bridge.stale.retained.skipped").counter();
        return counter == null ? 0 : counter.count();
    }

    private long pending(String stream) {
        return redis.stream(String.class).xpending(stream, "mqtt-bridge").getPendingCount();
    }
}
