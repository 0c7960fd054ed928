package nemo.mqtt.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.TestMqttClient;

/** An admin saves broker settings on the monitor; the running bridge adopts them and keeps delivering. */
@Order(5)
@OnSharedStack
class StackBrokerSettingsTest {

    @Test
    void brokerSettingsSavedOnTheMonitorReachTheRunningBridge(SharedStack shared) throws Exception {
        var stack = shared.stack;
        MonitorSession admin = MonitorSession.signIn(stack.monitor("/"), stack.state, "admin");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("host", "localhost");
        form.put("port", Integer.toString(stack.mqttPort));
        form.put("tls", "on");
        form.put("verify_hostname", "on");
        form.put("ca_pem", Files.readString(stack.certs.ca()));
        form.put("client_cert_pem", Files.readString(stack.certs.cert("bridge")));
        form.put("client_key_pem", Files.readString(stack.certs.key("bridge")));
        // the same broker and client id: the bridge's trial connection takes the session over
        form.put("client_id_prefix", "nemo-bridge-");
        form.put("keep_alive_seconds", "20");
        form.put("qos", "1");
        form.put("in_flight_window", "128");
        form.put("topic_prefix", "nemo");
        HttpResponse<String> saved = admin.postForm("/settings", "/settings", form);
        assertEquals(303, saved.statusCode(), saved.body());
        long version = Long.parseLong(
                saved.headers().firstValue("Location").orElseThrow().replaceAll(".*saved=", ""));

        // the bridge reports the version it connected with in its heartbeat, which the monitor shows
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonObject bridges =
                    new JsonObject(admin.get("/bridges", "application/json").body());
            JsonObject replica = bridges.getJsonArray("replicas").getJsonObject(0);
            assertEquals(version, replica.getLong("settings_version"), replica.encode());
            assertTrue(replica.getBoolean("broker_connected"));
        });
        try (TestMqttClient display = shared.display("nemo/tools/42/enabled")) {
            shared.post("""
                    {"event": "tool_enabled", "tool_id": 42, "tool_name": "Evaporator", "user_name": "Dana Lee"}""");
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> !display.received().isEmpty());
        }
        // a viewer cannot change them
        MonitorSession viewer = MonitorSession.signIn(stack.monitor("/"), stack.state, "viewer");
        assertEquals(403, viewer.get("/settings", "text/html").statusCode());
    }
}
