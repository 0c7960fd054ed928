package nemo.mqtt.monitor;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.SharedServices;
import nemo.mqtt.testing.SseClient;
import nemo.mqtt.testing.TestMqttClient;

@QuarkusTest
@QuarkusTestResource(BrokerTestResource.class)
class BoardAndBridgesTest {

    @TestHTTPResource("/board/feed")
    URI boardFeed;

    @Inject
    RedisDataSource redis;

    private static String status(long tool, long seq, String state, String user, String problem) {
        return "{\"event\":\"tool_status\",\"tool_id\":" + tool + ",\"tool_name\":\"Woollam " + tool + "\",\"state\":\""
                + state + "\",\"since\":\"2026-11-25T10:32:04Z\",\"in_use\":" + state.equals("in_use")
                + (user != null ? ",\"user_name\":\"" + user + "\"" : "")
                + (problem != null ? ",\"problem\":\"" + problem + "\"" : "")
                + ",\"event_id\":\"00000000-0000-4000-8000-0000000" + String.format("%05d", seq) + "\",\"seq\":" + seq
                + ",\"timestamp\":\"2026-11-25T10:32:04Z\"}";
    }

    @Test
    void retainedStatusBecomesACardThatChangesInPlaceAndNeverGoesBack() {
        String session = Login.COOKIE + "=" + Login.session(Login.VIEWER);
        try (TestMqttClient lab = TestMqttClient.display(
                                DevCerts.shared(), SharedServices.mosquitto().port())
                        .connect();
                SseClient board = SseClient.open(boardFeed, session)) {
            lab.publish("nemo/tools/7101/status", status(7101, 1, "idle", null, null), true);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> board.events().stream()
                            .anyMatch(e -> e.name().equals("card")
                                    && e.data().contains("id=\"tool-7101\"")
                                    && e.data().contains("data-state=\"idle\"")));
            lab.publish("nemo/tools/7101/status", status(7101, 3, "in_use", "Alice Smith", null), true);
            // an older message arriving late (seq 2) must not move the card back
            lab.publish("nemo/tools/7101/status", status(7101, 2, "problem", null, "Pump noisy"), false);
            lab.publish(
                    "nemo/tools/7101/next",
                    "{\"event\":\"tool_next_reservation\",\"tool_id\":7101,"
                            + "\"reservation_id\":9,\"user_name\":\"Bob Jones\",\"start_time\":\"2026-11-25T14:00:00Z\","
                            + "\"end_time\":\"2026-11-25T15:00:00Z\",\"seq\":4}",
                    true);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> Login.page(Login.VIEWER, "/")
                            .body(containsString("data-state=\"in_use\""))
                            .body(containsString("Alice Smith"))
                            .body(containsString("Next: Bob Jones"))
                            .body(org.hamcrest.Matchers.not(containsString("Pump noisy"))));
            assertTrue(
                    board.events().stream().anyMatch(e -> e.data().contains("Alice Smith")),
                    "the change was pushed to the open board");
        }
    }

    @Test
    void aBoardThatReconnectsLearnsWhichToolsWereRemovedMeanwhile() {
        String session = Login.COOKIE + "=" + Login.session(Login.VIEWER);
        try (TestMqttClient lab = TestMqttClient.display(
                        DevCerts.shared(), SharedServices.mosquitto().port())
                .connect()) {
            lab.publish("nemo/tools/7201/status", status(7201, 1, "idle", null, null), true);
            try (SseClient board = SseClient.open(boardFeed, session)) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> board.events().stream()
                                .anyMatch(e ->
                                        e.name().equals("current") && e.data().contains("7201")));
            }
            lab.publish("nemo/tools/7201/status", "", true); // the tool is gone while no board is open
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() ->
                            Login.page(Login.VIEWER, "/").body(org.hamcrest.Matchers.not(containsString("tool-7201"))));
            try (SseClient board = SseClient.open(boardFeed, session)) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() ->
                                board.events().stream().anyMatch(e -> e.name().equals("current")));
                assertTrue(
                        board.events().stream().noneMatch(e -> e.data().contains("7201")),
                        "neither a card nor an id of the removed tool: the page drops its card");
            }
        }
    }

    /** Issue 13: a message above the MQTT connector's default 8,092 bytes used to loop the subscription for ever. */
    @Test
    void aRetainedStatusOfMoreThanTwelveKilobytesReachesTheBoardAndLaterMessagesStillArrive() {
        String japanese = "真空ポンプの異音を点検中です。";
        String problem = japanese.repeat(120);
        String big = status(7301, 1, "problem", null, problem)
                .replace("\"seq\":", "\"note\":\"" + "\\u001b".repeat(1400) + "[0m\",\"seq\":");
        assertTrue(big.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 12 * 1024, "over 12 KB");
        assertTrue(new io.vertx.core.json.JsonObject(big).getString("note").startsWith("\u001b\u001b"), "ESC, escaped");
        try (TestMqttClient lab = TestMqttClient.display(
                        DevCerts.shared(), SharedServices.mosquitto().port())
                .connect()) {
            lab.publish("nemo/tools/7301/status", big, true);
            await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> Login.page(Login.VIEWER, "/")
                            .body(containsString("id=\"tool-7301\""))
                            .body(containsString(japanese + japanese)));
            lab.publish("nemo/tools/7301/status", status(7301, 2, "in_use", "Hanako Yamada", null), true);
            await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> Login.page(Login.VIEWER, "/")
                            .body(containsString("Hanako Yamada"))
                            .body(org.hamcrest.Matchers.not(containsString(japanese))));
            lab.publish("nemo/tools/7301/status", "", true);
        }
    }

    @Test
    void theBridgesPageShowsEachLiveReplicaAndTheStreams() {
        String beat = "{\"replica\":\"bridge-a\",\"version\":\"0.1.0\",\"owned_shards\":[0,1,2,3],"
                + "\"broker_connected\":true,\"broker\":\"localhost:8883\",\"settings_version\":3,"
                + "\"settings_error\":null,\"last_error\":\"connection lost\",\"in_flight\":0,\"published\":1200,"
                + "\"acked\":1200,\"reconnects\":2,\"dead_lettered\":1,\"lag\":{\"0\":5,\"1\":0},\"pending\":{\"0\":2},"
                + "\"updated_at\":\"" + Instant.now() + "\"}";
        redis.value(String.class).psetex("nemo:bridge:heartbeat:bridge-a", 60_000, beat);
        redis.sortedSet(String.class)
                .zadd("nemo:events:bridges", System.currentTimeMillis(), "bridge-a"); // as its lease loop does
        redis.stream(String.class).xadd("nemo:events:dead", java.util.Map.of("topic", "nemo/x", "reason", "test"));
        Login.htmlPage(Login.VIEWER, "/bridges")
                .body(containsString("data-replica=\"bridge-a\""))
                .body(containsString("0, 1, 2, 3"))
                .body(containsString("connected"))
                .body(containsString("connection lost"))
                .body(containsString("v3"))
                .body(containsString("nemo:events:7"));
        Login.as(Login.VIEWER)
                .accept("application/json")
                .get("/bridges")
                .then()
                .statusCode(200)
                .body("replicas[0].replica", org.hamcrest.Matchers.equalTo("bridge-a"))
                .body("dead_letters", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        redis.key().del("nemo:bridge:heartbeat:bridge-a");
        redis.sortedSet(String.class).zrem("nemo:events:bridges", "bridge-a");
    }

    @Test
    void aStreamWhoseLagRedisCannotTellShowsAnEstimateThatDoesNotUnderstate() {
        String key = "nemo:events:6";
        redis.key().del(key);
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(redis.stream(String.class).xadd(key, java.util.Map.of("n", String.valueOf(i))));
        }
        redis.execute("XGROUP", "CREATE", key, "mqtt-bridge", "0");
        redis.execute("XREADGROUP", "GROUP", "mqtt-bridge", "c", "COUNT", "2", "STREAMS", key, ">");
        redis.execute("XDEL", key, ids.get(3)); // after the group's position: Redis no longer knows the lag
        assertTrue(redis.execute("XINFO", "GROUPS", key).get(0).get("lag") == null, "Redis answers a nil lag");
        try {
            // 2 entries unread; estimated as 5 added - 2 read, which the length (4) does not cap
            Login.as(Login.VIEWER)
                    .accept("application/json")
                    .get("/bridges")
                    .then()
                    .statusCode(200)
                    .body("streams.find { it.key == '" + key + "' }.lag", org.hamcrest.Matchers.equalTo(3))
                    .body("streams.find { it.key == '" + key + "' }.pending", org.hamcrest.Matchers.equalTo(2));
        } finally {
            redis.key().del(key);
        }
    }
}
