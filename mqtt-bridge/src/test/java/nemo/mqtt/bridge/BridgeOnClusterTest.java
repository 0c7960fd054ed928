package nemo.mqtt.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import nemo.mqtt.bridge.shard.ShardOwnership;
import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.RedisCluster;
import nemo.mqtt.testing.RedisClusterTestResource;
import nemo.mqtt.testing.RedisNode;
import nemo.mqtt.testing.SharedServices;
import nemo.mqtt.testing.StreamEntries;
import nemo.mqtt.testing.TestMqttClient;
import nemo.mqtt.wire.RedisKeys;

/**
 * A bridge on a Redis Cluster (3 masters, 3 replicas) with default settings: it owns every shard
 * (leases confirmed by a replica), writes its heartbeat and registry entry, and delivers every
 * entry in per-tool order while a master holding shard streams is SIGKILLed and its replica
 * promoted.
 */
@QuarkusTest
@QuarkusTestResource(value = RedisClusterTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = BrokerTestResource.class, restrictToAnnotatedClass = true)
class BridgeOnClusterTest {

    private static final int TOOLS = 24;

    @Inject
    RedisDataSource redis;

    @Inject
    ShardOwnership ownership;

    @Test
    void everyEntryArrivesInPerToolOrderAcrossAMasterKill() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> ownership.ownedShards().size() == 8);
        assertTrue(redis.sortedSet(String.class).zrange(RedisKeys.bridgeMembers("nemo:events"), 0, -1).contains("test-bridge"),
                "the replica is in the registry the monitor reads");
        RedisCluster cluster = RedisCluster.shared();
        try (TestMqttClient display = TestMqttClient.display(DevCerts.shared(), SharedServices.mosquitto().port())
                .connect().subscribe("nemo/tools/#")) {
            Map<Long, Long> seqs = new HashMap<>();
            Set<String> sent = java.util.concurrent.ConcurrentHashMap.newKeySet();
            AtomicBoolean writing = new AtomicBoolean(true);
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                for (int i = 0; writing.get() || i < 300; i++) {
                    long tool = 9000 + i % TOOLS;
                    long seq = seqs.merge(tool, 1L, Long::sum);
                    Map<String, String> entry = StreamEntries.toolEvent(tool, seq, "enabled");
                    String stream = RedisKeys.stream("nemo:events", (int) (tool % 8));
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                            .until(() -> redis.stream(String.class).xadd(stream, entry) != null);
                    sent.add(entry.get("event_id"));
                    try {
                        Thread.sleep(5); // a steady stream, not one burst
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> display.received().size() >= 100);
            RedisNode master = cluster.masterOf("nemo:events:0");
            long killedAt = System.nanoTime();
            master.kill();
            cluster.awaitHealthy(Duration.ofSeconds(30));
            long healthyAt = System.nanoTime();
            long healthyAfterMs = (healthyAt - killedAt) / 1_000_000;
            // The killed master's shard resumes within a few seconds of the cluster being healthy.
            await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(50)).until(() -> display.received().stream()
                    .anyMatch(m -> m.receivedNanos() > healthyAt && new JsonObject(m.payload()).getLong("tool_id") % 8 == 0));
            long resumedAfterMs = (System.nanoTime() - killedAt) / 1_000_000;
            writing.set(false);
            writer.get(60, TimeUnit.SECONDS);

            // What the streams hold now must all arrive; what Redis acknowledged and lost in the failover is counted apart.
            Set<String> inStreams = new HashSet<>();
            for (int shard = 0; shard < 8; shard++) {
                redis.stream(String.class).xrange(RedisKeys.stream("nemo:events", shard), StreamRange.of("-", "+"))
                        .forEach(m -> inStreams.add(m.payload().get("event_id")));
            }
            inStreams.retainAll(sent);
            await().atMost(Duration.ofSeconds(40)).until(() -> delivered(display).containsAll(inStreams));
            Set<String> delivered = delivered(display);
            long duplicates = display.received().size() - delivered.size();
            Set<String> lost = new HashSet<>(sent);
            lost.removeAll(delivered);
            int orderBreaks = orderBreaks(display.received());
            System.out.printf("cluster master SIGKILL: sent %d, delivered %d, lost %d (of which never in a stream after the"
                    + " failover %d), duplicates %d, order breaks %d; cluster ok after %d ms, deliveries after %d ms%n",
                    sent.size(), delivered.size(), lost.size(), lost.stream().filter(id -> !inStreams.contains(id)).count(),
                    duplicates, orderBreaks, healthyAfterMs, resumedAfterMs);
            assertEquals(0, orderBreaks, "per-tool order");
            assertEquals(Set.of(), lost.stream().filter(inStreams::contains).collect(java.util.stream.Collectors.toSet()),
                    "every entry the streams hold is delivered");
            await().atMost(Duration.ofSeconds(30)).until(() -> ownership.ownedShards().size() == 8);
        } finally {
            cluster.nodes().stream().filter(node -> !node.isRunning()).forEach(RedisNode::startAgain); // rejoins as a replica
            cluster.awaitHealthy(Duration.ofSeconds(30));
        }
    }

    /** How many times a tool's next first-seen event had a lower seq than the one before. */
    private static int orderBreaks(List<TestMqttClient.Received> received) {
        Set<String> seen = new HashSet<>();
        Map<Long, Long> last = new HashMap<>();
        int breaks = 0;
        for (TestMqttClient.Received message : received) {
            JsonObject payload = new JsonObject(message.payload());
            if (seen.add(payload.getString("event_id"))) {
                Long before = last.put(payload.getLong("tool_id"), payload.getLong("seq"));
                if (before != null && before > payload.getLong("seq")) {
                    breaks++;
                }
            }
        }
        return breaks;
    }

    private static Set<String> delivered(TestMqttClient display) {
        Set<String> ids = new HashSet<>();
        List<TestMqttClient.Received> received = display.received();
        received.forEach(m -> ids.add(new JsonObject(m.payload()).getString("event_id")));
        return ids;
    }
}
