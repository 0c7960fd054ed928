package nemo.mqtt.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.vertx.core.json.JsonObject;

import nemo.mqtt.testing.DeliveryAssertions;
import nemo.mqtt.testing.StreamEntries;
import nemo.mqtt.testing.TestMqttClient;
import nemo.mqtt.wire.RedisKeys;

/**
 * A Redis master SIGKILLed under a steady stream of entries (24 tools over the 8 default shard
 * streams) while the test's bridge publishes them: every entry the streams hold after the failover
 * reaches a display, in per-tool order, and shard 0 resumes within seconds of Redis being healthy.
 * Prints sent (and how many of those the failover dropped from the streams), delivered, lost,
 * duplicates and order breaks.
 */
final class MasterKill {

    private static final int TOOLS = 24;

    private MasterKill() {}

    /**
     * @param redis   the test's client, of the same kind as the bridge's
     * @param setup   what is killed, for the printed line
     * @param kill    SIGKILLs the master holding shard 0's stream
     * @param healthy returns once Redis serves every key again (a replica promoted)
     */
    static void run(RedisDataSource redis, String setup, Runnable kill, Runnable healthy) throws Exception {
        try (TestMqttClient display = Displays.onSharedBroker("nemo/tools/#")) {
            Set<String> sent = ConcurrentHashMap.newKeySet();
            AtomicBoolean writing = new AtomicBoolean(true);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> write(redis, sent, writing));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> display.received().size() >= 100);
            long killedAt = System.nanoTime();
            kill.run();
            healthy.run();
            long healthyAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(6))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> display.received().stream()
                            .anyMatch(m -> m.receivedNanos() > healthyAt
                                    && new JsonObject(m.payload()).getLong("tool_id") % 8 == 0));
            long resumedAt = System.nanoTime();
            writing.set(false);
            writer.get(60, TimeUnit.SECONDS);

            // What the streams hold now must all arrive; what Redis acknowledged and lost in the failover is counted
            // apart.
            Set<String> inStreams = new HashSet<>();
            for (int shard = 0; shard < 8; shard++) {
                redis.stream(String.class)
                        .xrange(RedisKeys.stream("nemo:events", shard), StreamRange.of("-", "+"))
                        .forEach(m -> inStreams.add(m.payload().get("event_id")));
            }
            inStreams.retainAll(sent);
            await().atMost(Duration.ofSeconds(40))
                    .until(() -> DeliveryAssertions.eventIds(display.received()).containsAll(inStreams));
            Set<String> delivered = DeliveryAssertions.eventIds(display.received());
            Set<String> lost = new HashSet<>(sent);
            lost.removeAll(delivered);
            int orderBreaks = DeliveryAssertions.orderBreaks(DeliveryAssertions.deliveries(display.received()))
                    .size();
            System.out.printf(
                    "%s master SIGKILL: sent %d (not in a stream after the failover: %d), delivered %d, lost %d (of"
                            + " which never in a stream after the failover %d), duplicates %d, order breaks %d; healthy"
                            + " after %d ms, shard 0 delivering after %d ms%n",
                    setup,
                    sent.size(),
                    sent.size() - inStreams.size(),
                    delivered.size(),
                    lost.size(),
                    lost.stream().filter(id -> !inStreams.contains(id)).count(),
                    display.received().size() - delivered.size(),
                    orderBreaks,
                    (healthyAt - killedAt) / 1_000_000,
                    (resumedAt - killedAt) / 1_000_000);
            assertEquals(0, orderBreaks, "per-tool order");
            assertEquals(
                    Set.of(),
                    lost.stream().filter(inStreams::contains).collect(Collectors.toSet()),
                    "every entry the streams hold is delivered");
        }
    }

    /** Appends entries until told to stop (at least 300), retrying each until Redis takes it. */
    private static void write(RedisDataSource redis, Set<String> sent, AtomicBoolean writing) {
        Map<Long, Long> seqs = new HashMap<>();
        for (int i = 0; writing.get() || i < 300; i++) {
            long tool = 9000 + i % TOOLS;
            Map<String, String> entry = StreamEntries.toolEvent(tool, seqs.merge(tool, 1L, Long::sum), "enabled");
            String stream = RedisKeys.stream("nemo:events", (int) (tool % 8));
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .ignoreExceptions()
                    .until(() -> redis.stream(String.class).xadd(stream, entry) != null);
            sent.add(entry.get("event_id"));
            try {
                Thread.sleep(5); // a steady stream, not one burst
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
