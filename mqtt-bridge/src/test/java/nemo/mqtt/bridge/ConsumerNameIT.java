package nemo.mqtt.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.JavaService;

/**
 * Two live replicas with one consumer name would take the broker session from each other forever
 * (issue 13): the second refuses to start. A restarted replica whose old heartbeat is still fresh
 * (killed, so it could not delete it) does start.
 */
class ConsumerNameIT {

    private static final String HEARTBEAT = "nemo:bridge:heartbeat:twin";
    private static final Map<String, String> ENV = Map.of("NEMO_BRIDGE_HEARTBEAT_INTERVAL", "1s");

    @AutoClose
    private static final RedisAndBroker services = new RedisAndBroker();

    @Test
    void aSecondLiveReplicaWithTheSameNameRefusesToStartAndARestartedOneStarts() throws Exception {
        try (JavaService first = replica()) {
            String firstInstance = await("first replica beating")
                    .atMost(Duration.ofSeconds(60))
                    .until(this::instance, java.util.Objects::nonNull);

            try (JavaService twin = replica()) {
                await("the twin exits").atMost(Duration.ofSeconds(60)).until(() -> !twin.isAlive());
                assertNotEquals(0, twin.exitCode(), "startup failed");
                String log = Files.readString(twin.log());
                assertTrue(log.contains("Another live replica uses the consumer name 'twin'"), log);
            }
            assertTrue(first.isAlive());
            assertEquals(firstInstance, instance(), "the first replica's heartbeat is untouched");
            Response members = send(Request.cmd(Command.ZRANGE)
                    .arg("nemo:events:bridges")
                    .arg(0)
                    .arg(-1));
            assertEquals("twin", members.get(0).toString(), "the first replica is still a member");

            first.kill(); // its heartbeat stays until it expires
            assertEquals(firstInstance, instance());
            try (JavaService restarted = replica()) {
                String restartedInstance = await("the restarted replica beating")
                        .atMost(Duration.ofSeconds(60))
                        .until(this::instance, i -> i != null && !i.equals(firstInstance));
                assertTrue(restarted.isAlive(), "it waited out the stale heartbeat and started");
                assertNotEquals(firstInstance, restartedInstance);
            }
        }
    }

    private JavaService replica() {
        return services.replica("twin", ENV);
    }

    private String instance() {
        Response beat = send(Request.cmd(Command.GET).arg(HEARTBEAT));
        return beat == null ? null : new JsonObject(beat.toString()).getString("instance");
    }

    private static Response send(Request request) {
        return services.send(request);
    }
}
