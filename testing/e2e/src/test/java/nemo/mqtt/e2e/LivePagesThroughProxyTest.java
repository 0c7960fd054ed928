package nemo.mqtt.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.LocalStack;
import nemo.mqtt.testing.ServiceProcess;
import nemo.mqtt.testing.SseClient;
import nemo.mqtt.testing.TestMqttClient;

/**
 * Issue 13 on the local stack: the monitor's live pages work behind a reverse proxy with default
 * settings (Debian's nginx, plain proxy_pass, buffering on), and a status far larger than usual
 * (escape characters and Japanese text, over 12 KB) goes through the whole stack. On the shared stack,
 * whose monitor has nginx in front ({@link SharedStack#proxy}).
 */
@Order(5)
@OnSharedStack
class LivePagesThroughProxyTest {

    private static SharedStack shared;
    private static LocalStack stack;
    private static ServiceProcess nginx;

    @BeforeAll
    static void onTheSharedStack(SharedStack theStack) {
        shared = theStack;
        stack = theStack.stack;
        nginx = theStack.proxy;
    }

    @Test
    void aBoardChangeShowsThroughNginxWithinTwoSeconds() throws Exception {
        URI proxy = URI.create("http://127.0.0.1:" + nginx.port() + "/");
        MonitorSession viewer = MonitorSession.signIn(proxy, stack.state, "viewer");
        try (SseClient board = SseClient.open(proxy.resolve("/board/feed"), viewer.cookie())) {
            // with nginx's default buffering, not even the board's first event (the current cards) gets through
            await("the board's current cards through nginx")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> board.events().stream().anyMatch(e -> e.name().equals("current")));
            assertEquals(200, board.status());
            long sent = System.nanoTime();
            shared.post(
                    "{\"event\": \"tool_enabled\", \"tool_id\": 61, \"tool_name\": \"Sputter\", \"user_name\": \"Kai"
                            + " Moreau\"}");
            await("the changed card through nginx")
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> board.events().stream()
                            .anyMatch(e -> e.name().equals("card")
                                    && e.data().contains("id=\"tool-61\"")
                                    && e.data().contains("data-state=\"in_use\"")));
            System.out.printf("board change through nginx after %.0f ms%n", (System.nanoTime() - sent) / 1e6);
        }
    }

    @Test
    void aStatusOverTwelveKilobytesReachesATlsSubscriberAndTheBoard() throws Exception {
        String japanese = "装置の真空ポンプが停止しました。技術者が確認するまで使用しないでください。".repeat(20).substring(0, 600);
        String shutdown = "\u001b".repeat(1400) + japanese;
        String problem = "\u001b".repeat(1400) + "ポンプの異音。"
                + japanese.substring(0, 593); // the open problem stays in the status too
        MonitorSession viewer = MonitorSession.signIn(stack.monitor("/"), stack.state, "viewer");
        try (TestMqttClient display = TestMqttClient.display(stack.certs, stack.mqttPort)
                        .connect()
                        .subscribe("nemo/tools/62/status");
                SseClient board = SseClient.open(stack.monitor("/board/feed"), viewer.cookie())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> board.status() == 200);
            JsonArray events = new JsonArray()
                    .add(new JsonObject()
                            .put("event", "task_created")
                            .put("tool_id", 62)
                            .put("tool_name", "蒸着装置")
                            .put("note", problem))
                    .add(new JsonObject()
                            .put("event", "tool_non_operational")
                            .put("tool_id", 62)
                            .put("note", shutdown));
            shared.post(events.encode());

            await().atMost(Duration.ofSeconds(15))
                    .until(() -> display.received().stream()
                            .anyMatch(m -> m.payload().contains("\"state\":\"shutdown\"")));
            TestMqttClient.Received status = display.received().stream()
                    .filter(m -> m.payload().contains("\"state\":\"shutdown\""))
                    .findFirst()
                    .orElseThrow();
            int bytes = status.payload().getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes > 12 * 1024, "the status is over 12 KB: " + bytes);
            JsonObject payload = new JsonObject(status.payload());
            assertEquals(shutdown, payload.getString("shutdown_note"), "every character as sent");
            assertEquals(problem, payload.getString("problem"));

            await("the shut-down card on the board")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> board.events().stream()
                            .anyMatch(e -> e.name().equals("card")
                                    && e.data().contains("id=\"tool-62\"")
                                    && e.data().contains("data-state=\"shutdown\"")
                                    && e.data().contains(japanese)));
            System.out.println("status through the stack: " + bytes + " bytes");
        }
    }
}
