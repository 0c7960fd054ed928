package nemo.mqtt.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.DeliveryAssertions;
import nemo.mqtt.testing.JavaService;
import nemo.mqtt.testing.TestMqttClient;

/** Two bridge replicas share 16 shards; one is SIGKILLed midway: the other takes over, losing and reordering nothing. */
class ReplicasIT {

    private static final int SHARDS = 16;
    private static final int TOOLS = 20;
    private static final int EVENTS = 5_000;
    private static final Duration LEASE = Duration.ofSeconds(5);

    @AutoClose
    private static final RedisAndBroker services = new RedisAndBroker();

    @Test
    void whenAReplicaDiesTheSurvivorTakesItsShardsAndEveryEventArrivesInOrder() throws Exception {
        Map<String, String> env = Map.of(
                "NEMO_STREAMS_SHARDS",
                String.valueOf(SHARDS),
                "NEMO_BRIDGE_LEASE_TTL",
                LEASE.toMillis() + "ms",
                "NEMO_BRIDGE_LEASE_RENEW_INTERVAL",
                "1s");
        try (JavaService a = services.replica("replica-a", env);
                JavaService b = services.replica("replica-b", env);
                TestMqttClient display = Displays.on(services.broker.port(), "nemo/tools/#")) {
            await("shards spread evenly")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> owners().get("replica-a") == SHARDS / 2 && owners().get("replica-b") == SHARDS / 2);

            CompletableFuture<Void> producer = CompletableFuture.runAsync(ReplicasIT::produce);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> display.received().size() >= EVENTS / 3);
            b.kill();
            long killed = System.nanoTime();
            await("survivor owns all shards")
                    .atMost(LEASE.plusSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> owners().get("replica-a") == SHARDS);
            Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
            assertTrue(takeover.compareTo(LEASE.plusSeconds(2)) <= 0, "takeover took " + takeover);
            producer.get(60, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> DeliveryAssertions.eventIds(display.received()).size() >= EVENTS);
            DeliveryAssertions.assertAllOnceInOrder(EVENTS, display.received());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> IntStream.range(0, SHARDS)
                                    .mapToLong(s -> send(Request.cmd(Command.XPENDING)
                                                    .arg("nemo:events:" + s)
                                                    .arg("mqtt-bridge"))
                                            .get(0)
                                            .toLong())
                                    .sum()
                            == 0);
            System.out.printf(
                    "survivor owned all %d shards %d ms after the SIGKILL (lease %d ms)%n",
                    SHARDS, takeover.toMillis(), LEASE.toMillis());
        }
    }

    /** 5 000 events over 20 tools, each tool's seq counting up, into the tool's shard stream. */
    private static void produce() {
        Map<Long, Long> seqs = new HashMap<>();
        for (int i = 0; i < EVENTS; i++) {
            long tool = 1 + i % TOOLS;
            long seq = seqs.merge(tool, 1L, Long::sum);
            String eventId = UUID.randomUUID().toString();
            send(Request.cmd(Command.XADD)
                    .arg("nemo:events:" + (tool % SHARDS))
                    .arg("*")
                    .arg("topic")
                    .arg("nemo/tools/" + tool + "/enabled")
                    .arg("payload")
                    .arg(new JsonObject()
                            .put("event", "tool_enabled")
                            .put("tool_id", tool)
                            .put("event_id", eventId)
                            .put("seq", seq)
                            .encode())
                    .arg("qos")
                    .arg("1")
                    .arg("retain")
                    .arg("0")
                    .arg("event_id")
                    .arg(eventId)
                    .arg("tool_id")
                    .arg(tool)
                    .arg("seq")
                    .arg(seq));
            if (i % 100 == 99) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // a steady stream, not one burst
            }
        }
    }

    private static Map<String, Integer> owners() {
        Map<String, Integer> counts = new HashMap<>(Map.of("replica-a", 0, "replica-b", 0));
        for (int shard = 0; shard < SHARDS; shard++) {
            Response owner = send(Request.cmd(Command.GET).arg("nemo:events:lease:" + shard));
            if (owner != null) {
                counts.merge(owner.toString(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static Response send(Request request) {
        return services.send(request);
    }
}
