package nemo.mqtt.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.FreePorts;
import nemo.mqtt.testing.LocalStack;
import nemo.mqtt.testing.SseClient;
import nemo.mqtt.testing.TestMqttClient;

/** The whole path, from the README's one command: REST API → PostgreSQL → Redis stream → TLS broker → browser. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackEndToEndTest {

    private static final int SHARDS = 8;

    @AutoClose
    private static final LocalStack stack = new LocalStack().start();

    @AutoClose
    private static final Vertx vertx = Vertx.vertx();

    private static Redis redis;
    /** Everything the stack publishes during these tests, checked against the contract at the end. */
    @AutoClose
    private static final TestMqttClient recorder =
            TestMqttClient.display(stack.certs, stack.mqttPort).connect().subscribe("nemo/#");

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void connectToRedis() throws Exception {
        redis = Redis.createClient(vertx, stack.redisUri());
    }

    @Test
    @Order(1)
    void aToolEventReachesATlsSubscriberAndTheBrowserInOrderAndNothingStaysPending() throws Exception {
        try (TestMqttClient display = TestMqttClient.display(stack.certs, stack.mqttPort)
                        .connect()
                        .subscribe("nemo/tools/31/+");
                SseClient browser = SseClient.open(
                        stack.monitor("/feed"),
                        MonitorSession.signIn(stack.monitor("/"), stack.state, "viewer")
                                .cookie())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.status() == 200);

            long sentNanos = System.nanoTime();
            String enabledId = post("""
                    {"event": "tool_enabled", "tool_id": 31, "tool_name": "Woollam", "user_name": "Alice Smith",
                     "usage_id": 501, "start_time": "2026-11-25T10:32:04+01:00"}""").getString("event_id");
            String disabledId = post("""
                    {"event": "tool_disabled", "tool_id": 31, "tool_name": "Woollam", "user_name": "Alice Smith",
                     "usage_id": 501, "start_time": "2026-11-25T10:32:04+01:00", "end_time": "2026-11-25T11:02:00+01:00"}""").getString("event_id");

            await().atMost(Duration.ofSeconds(15)).until(() -> events(display).size() >= 2);
            List<TestMqttClient.Received> received = events(display);
            assertEquals(2, received.size(), "exactly the two events: " + received);
            assertEquals("nemo/tools/31/enabled", received.get(0).topic());
            assertEquals("nemo/tools/31/disabled", received.get(1).topic());
            assertEquals(1, received.get(0).qos());
            assertFalse(received.get(0).retained());

            JsonObject enabled = new JsonObject(received.get(0).payload());
            JsonObject disabled = new JsonObject(received.get(1).payload());
            assertEquals("tool_enabled", enabled.getString("event"));
            assertEquals("tool_disabled", disabled.getString("event"));
            for (JsonObject payload : List.of(enabled, disabled)) {
                assertEquals(31L, payload.getLong("tool_id"));
                assertEquals("Woollam", payload.getString("tool_name"));
                assertEquals("Alice Smith", payload.getString("user_name"));
                assertEquals(501L, payload.getLong("usage_id"));
                assertEquals(
                        Instant.parse("2026-11-25T09:32:04Z"),
                        OffsetDateTime.parse(payload.getString("start_time")).toInstant());
                assertTrue(payload.getString("timestamp").endsWith("+00:00"), payload.getString("timestamp"));
                assertNotNull(OffsetDateTime.parse(payload.getString("timestamp")));
            }
            assertEquals(
                    Instant.parse("2026-11-25T10:02:00Z"),
                    OffsetDateTime.parse(disabled.getString("end_time")).toInstant());
            assertEquals(enabledId, enabled.getString("event_id"));
            assertEquals(disabledId, disabled.getString("event_id"));
            assertEquals(1L, enabled.getLong("seq"));
            assertEquals(2L, disabled.getLong("seq"));

            // the retained status followed each change; the last one says the tool is idle again
            await().atMost(Duration.ofSeconds(10)).until(() -> statuses(display).size() >= 2);
            List<JsonObject> statuses = statuses(display);
            assertEquals(
                    List.of("in_use", "idle"),
                    statuses.stream().map(s -> s.getString("state")).toList());
            assertTrue(display.received().stream()
                    .filter(m -> m.topic().endsWith("/status"))
                    .allMatch(m -> m.qos() == 1));
            try (TestMqttClient late = TestMqttClient.display(stack.certs, stack.mqttPort)
                    .connect()
                    .subscribe("nemo/tools/31/status")) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> late.received().size() == 1);
                assertTrue(late.received().get(0).retained(), "a display that connects later gets the status at once");
                assertEquals("idle", new JsonObject(late.received().get(0).payload()).getString("state"));
            }

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> browser.events().stream()
                                    .filter(e -> e.data().contains(disabledId)
                                            && e.data().contains("nemo/tools/31/disabled"))
                                    .count()
                            == 1);
            List<String> browserOrder = browser.events().stream()
                    .map(e -> new JsonObject(e.data()))
                    .filter(m -> m.getString("topic").matches("nemo/tools/31/(enabled|disabled)"))
                    .map(m -> new JsonObject(m.getString("payload")).getString("event_id"))
                    .toList();
            assertEquals(List.of(enabledId, disabledId), browserOrder);

            await().atMost(Duration.ofSeconds(10)).until(() -> totalPending() == 0);
            System.out.printf(
                    "end-to-end latency (POST sent -> TLS subscriber received): first %.1f ms, second %.1f ms%n",
                    (received.get(0).receivedNanos() - sentNanos) / 1e6,
                    (received.get(1).receivedNanos() - sentNanos) / 1e6);
        }
    }

    @Test
    @Order(2)
    void theBrokerRefusesClientsWithoutACertificateOrFromAnotherCa() {
        DevCerts other = DevCerts.create("Another");
        // no client certificate at all
        assertRefused(TestMqttClient.tlsOptions(stack.certs.ca(), stack.certs, null));
        // a client certificate signed by a CA the broker does not trust
        assertRefused(TestMqttClient.tlsOptions(stack.certs.ca(), other, "display"));
        // a client that trusts another CA: the broker's certificate fails its verification
        assertRefused(TestMqttClient.tlsOptions(other.ca(), stack.certs, "display"));
        // and the same client with the stack's CA and certificate gets in
        try (TestMqttClient good =
                TestMqttClient.display(stack.certs, stack.mqttPort).connect()) {
            assertTrue(good.isConnected());
        }
    }

    @Test
    @Order(3)
    void badRequestsAreRefusedAndNothingIsPublished() throws Exception {
        long before = totalStreamLength();
        try (TestMqttClient display =
                TestMqttClient.display(stack.certs, stack.mqttPort).connect().subscribe("nemo/tools/77/+")) {
            HttpResponse<String> noToken = http.send(
                    request("{\"event\":\"tool_enabled\",\"tool_id\":77}", null), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, noToken.statusCode());
            HttpResponse<String> malformed = http.send(
                    request("{\"event\":\"tool_enabled\",", stack.apiToken()), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, malformed.statusCode());
            assertEquals(
                    "application/problem+json",
                    malformed.headers().firstValue("Content-Type").orElse(""));
            HttpResponse<String> noToolId = http.send(
                    request("{\"event\":\"tool_enabled\",\"tool_name\":\"Woollam\"}", stack.apiToken()),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, noToolId.statusCode());
            assertEquals(
                    "tool_id",
                    new JsonObject(noToolId.body())
                            .getJsonArray("errors")
                            .getJsonObject(0)
                            .getString("field"));

            // a good event afterwards is the only one that comes through (with the status it changed)
            post("{\"event\":\"tool_enabled\",\"tool_id\":77}");
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> display.received().size() >= 3);
            assertEquals(before + 3, totalStreamLength());
            assertEquals(
                    List.of("nemo/tools/77/enabled", "nemo/tools/77/status", "nemo/tools/77/display"),
                    display.received().stream()
                            .map(TestMqttClient.Received::topic)
                            .toList());
        }
    }

    @Test
    @Order(4)
    void everyMessageAndStreamEntryFollowsTheDocumentedContract() throws Exception {
        Contract contract = new Contract();
        // one of every kind of message, so each channel of the contract meets a real one
        int before = recorder.received().size();
        post("""
                [{"event": "task_created", "tool_id": 41, "tool_name": "Raith", "note": "Stage drifts"},
                 {"event": "tool_non_operational", "tool_id": 41, "note": "Vacuum leak"},
                 {"event": "tool_operational", "tool_id": 41},
                 {"event": "task_resolved", "tool_id": 41},
                 {"event": "outage_started", "tool_id": 41, "note": "Building power"},
                 {"event": "reservation_created", "tool_id": 41, "reservation_id": 9001, "user_name": "Bob Jones",
                  "start_time": "2999-11-26T09:00:00-05:00", "end_time": "2999-11-26T10:00:00-05:00"},
                 {"event": "tool_enabled", "tool_id": 41, "user_name": "Ana Lee", "operator_name": "Ana Lee", "usage_id": 7},
                 {"event": "tool_disabled", "tool_id": 41, "usage_id": 7, "delayed_logoff_until": "2999-01-01T00:00:00Z"}]""");
        await().atMost(Duration.ofSeconds(15)).until(() -> recorder.received().size() >= before + 14);
        await().atMost(Duration.ofSeconds(10)).until(() -> totalPending() == 0);
        List<TestMqttClient.Received> captured = recorder.received();
        assertTrue(captured.size() >= 6, "the tests above published events and statuses: " + captured.size());
        JsonArray record = new JsonArray();
        for (TestMqttClient.Received message : captured) {
            assertEquals(
                    java.util.Set.of(), contract.checkMessage(message.topic(), message.payload()), message.topic());
            record.add(new JsonObject()
                    .put("topic", message.topic())
                    .put("qos", message.qos())
                    .put("retained", message.retained())
                    .put("payload", new JsonObject(message.payload())));
        }
        int entries = 0;
        for (int shard = 0; shard < SHARDS; shard++) {
            Response range = send(Request.cmd(Command.XRANGE)
                    .arg("nemo:events:" + shard)
                    .arg("-")
                    .arg("+"));
            for (Response entry : range) {
                java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
                Response values = entry.get(1);
                for (int i = 0; i + 1 < values.size(); i += 2) {
                    fields.put(values.get(i).toString(), values.get(i + 1).toString());
                }
                assertEquals(java.util.Set.of(), contract.checkStreamEntry(fields), "stream entry " + entry.get(0));
                entries++;
            }
        }
        assertTrue(entries >= captured.size() / 2, "stream entries checked: " + entries);
        java.nio.file.Path out = java.nio.file.Path.of("target", "captured-messages.json");
        java.nio.file.Files.createDirectories(out.getParent());
        java.nio.file.Files.writeString(out, record.encodePrettily());
    }

    /** An admin saves broker settings on the monitor; the running bridge adopts them and keeps delivering. */
    @Test
    @Order(5)
    void brokerSettingsSavedOnTheMonitorReachTheRunningBridge() throws Exception {
        MonitorSession admin = MonitorSession.signIn(stack.monitor("/"), stack.state, "admin");
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("host", "localhost");
        form.put("port", Integer.toString(stack.mqttPort));
        form.put("tls", "on");
        form.put("verify_hostname", "on");
        form.put("ca_pem", java.nio.file.Files.readString(stack.certs.ca()));
        form.put("client_cert_pem", java.nio.file.Files.readString(stack.certs.cert("bridge")));
        form.put("client_key_pem", java.nio.file.Files.readString(stack.certs.key("bridge")));
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
        try (TestMqttClient display =
                TestMqttClient.display(stack.certs, stack.mqttPort).connect().subscribe("nemo/tools/42/enabled")) {
            post("""
                    {"event": "tool_enabled", "tool_id": 42, "tool_name": "Evaporator", "user_name": "Dana Lee"}""");
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> !display.received().isEmpty());
        }
        // a viewer cannot change them
        MonitorSession viewer = MonitorSession.signIn(stack.monitor("/"), stack.state, "viewer");
        assertEquals(403, viewer.get("/settings", "text/html").statusCode());
    }

    @Test
    @Order(6)
    void ctrlCStopsTheWholeStack() throws Exception {
        stack.interrupt();
        assertTrue(stack.waitForExit(Duration.ofSeconds(90)), "run.sh should exit after Ctrl-C");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(
                        List.of(),
                        stack.ports().stream().filter(FreePorts::isListening).toList()));
    }

    private static List<TestMqttClient.Received> events(TestMqttClient display) {
        return display.received().stream()
                .filter(m -> !m.topic().endsWith("/status") && !m.topic().endsWith("/display"))
                .toList();
    }

    private static List<JsonObject> statuses(TestMqttClient display) {
        return display.received().stream()
                .filter(m -> m.topic().endsWith("/status"))
                .map(m -> new JsonObject(m.payload()))
                .toList();
    }

    private void assertRefused(io.vertx.mqtt.MqttClientOptions options) {
        try (TestMqttClient client = TestMqttClient.create(options, stack.mqttPort)) {
            assertThrows(IllegalStateException.class, client::connect);
            assertFalse(client.isConnected());
        }
    }

    private JsonObject post(String body) throws Exception {
        HttpResponse<String> response =
                http.send(request(body, stack.apiToken()), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), response.body());
        return body.strip().startsWith("[")
                ? new JsonObject().put("items", new JsonArray(response.body()))
                : new JsonObject(response.body());
    }

    private HttpRequest request(String body, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(stack.emitter("/api/v1/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    private long totalPending() {
        return IntStream.range(0, SHARDS)
                .mapToLong(shard -> {
                    Response summary = send(Request.cmd(Command.XPENDING)
                            .arg("nemo:events:" + shard)
                            .arg("mqtt-bridge"));
                    return summary.get(0).toLong();
                })
                .sum();
    }

    private long totalStreamLength() {
        return IntStream.range(0, SHARDS)
                .mapToLong(shard -> send(Request.cmd(Command.XLEN).arg("nemo:events:" + shard))
                        .toLong())
                .sum();
    }

    private static Response send(Request request) {
        try {
            return redis.send(request).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
