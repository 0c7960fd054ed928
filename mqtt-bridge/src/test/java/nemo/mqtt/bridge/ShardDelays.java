package nemo.mqtt.bridge;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntUnaryOperator;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import nemo.mqtt.testing.StreamEntries;
import nemo.mqtt.testing.TestMqttClient;
import nemo.mqtt.wire.RedisKeys;

/**
 * One steady writer per shard stream (a shard whose Redis node is down never slows the others'
 * writes) and, per entry, the delay from its XADD's answer to its first arrival at {@code display}:
 * what a Redis fault costs each shard's readers.
 */
final class ShardDelays implements AutoCloseable {

    static final int SHARDS = 8;
    private static final int TOOLS_PER_SHARD = 3;

    /** When an entry's XADD was answered, and its shard. */
    record Written(int shard, long nanos) {}

    private final Vertx vertx = Vertx.vertx();
    private final IntUnaryOperator masterPort;
    private final TestMqttClient display;
    private final ExecutorService writers = Executors.newFixedThreadPool(SHARDS);
    private final AtomicBoolean writing = new AtomicBoolean(true);
    private final Map<String, Written> written = new ConcurrentHashMap<>();

    /**
     * Starts writing events of tools {@code firstTool + shard + 8k} (k < 3) to each shard, one every
     * 20 ms, each over a connection of its own to the shard's master ({@code masterPort}, asked again
     * after a failure), not through the cluster client the bridge uses: whatever stalls that client
     * must not stall the writes too, or it would hide the bridge's stall.
     */
    ShardDelays(IntUnaryOperator masterPort, TestMqttClient display, long firstTool) {
        this.masterPort = masterPort;
        this.display = display;
        for (int shard = 0; shard < SHARDS; shard++) {
            int s = shard;
            writers.execute(() -> write(s, firstTool));
        }
    }

    private void write(int shard, long firstTool) {
        Map<Long, Long> seqs = new HashMap<>();
        String stream = RedisKeys.stream("nemo:events", shard);
        Redis node = null;
        for (int i = 0; writing.get(); i++) {
            long tool = firstTool + shard + (long) SHARDS * (i % TOOLS_PER_SHARD);
            Request xadd = Request.cmd(Command.XADD).arg(stream).arg("*");
            Map<String, String> entry = StreamEntries.toolEvent(tool, seqs.merge(tool, 1L, Long::sum), "enabled");
            entry.forEach((field, value) -> xadd.arg(field).arg(value));
            while (true) {
                try {
                    if (node == null) {
                        node = Redis.createClient(vertx, "redis://127.0.0.1:" + masterPort.applyAsInt(shard));
                    }
                    node.send(xadd).toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
                    break;
                } catch (Exception e) { // the node died or is a master no longer: find the shard's master again
                    if (node != null) {
                        node.close();
                        node = null;
                    }
                    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                }
            }
            written.put(entry.get("event_id"), new Written(shard, System.nanoTime()));
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // a steady stream, not one burst
        }
        if (node != null) {
            node.close();
        }
    }

    /** Stops the writers once each has finished its entry. */
    void stopWriting() throws InterruptedException {
        writing.set(false);
        writers.shutdown();
        if (!writers.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("a writer did not stop");
        }
    }

    /** When the first entry of {@code shards} written after {@code nanos} was, once there is one. */
    long firstWriteAfter(Set<Integer> shards, long nanos) {
        return written.values().stream()
                .filter(w -> shards.contains(w.shard()) && w.nanos() > nanos)
                .mapToLong(Written::nanos)
                .min()
                .orElseThrow();
    }

    /** How many entries of {@code shards} were written between the two instants (System.nanoTime()). */
    long writtenBetween(Set<Integer> shards, long fromNanos, long toNanos) {
        return written.values().stream()
                .filter(w -> shards.contains(w.shard()) && w.nanos() > fromNanos && w.nanos() < toNanos)
                .count();
    }

    /** How many entries of {@code shards} written after {@code fromNanos} have not arrived. */
    long undelivered(Set<Integer> shards, long fromNanos) {
        Map<String, Long> arrivals = firstArrivals();
        return written.entrySet().stream()
                .filter(e ->
                        shards.contains(e.getValue().shard()) && e.getValue().nanos() > fromNanos)
                .filter(e -> !arrivals.containsKey(e.getKey()))
                .count();
    }

    /**
     * The longest delay, in ms, from write to first arrival of the entries of {@code shards} written after
     * {@code fromNanos}; an entry that has not arrived counts as waiting until now.
     */
    long maxDelayMillis(Set<Integer> shards, long fromNanos) {
        Map<String, Long> arrivals = firstArrivals();
        long now = System.nanoTime();
        return written.entrySet().stream()
                        .filter(e -> shards.contains(e.getValue().shard())
                                && e.getValue().nanos() > fromNanos)
                        .mapToLong(e -> arrivals.getOrDefault(e.getKey(), now)
                                - e.getValue().nanos())
                        .max()
                        .orElse(0)
                / 1_000_000;
    }

    /** Whether an entry of {@code shards} arrived after {@code nanos}. */
    boolean arrivedAfter(Set<Integer> shards, long nanos) {
        return display.received().stream()
                .anyMatch(m -> m.receivedNanos() > nanos
                        && shards.contains((int) (new JsonObject(m.payload()).getLong("tool_id") % SHARDS)));
    }

    private Map<String, Long> firstArrivals() {
        Map<String, Long> first = new HashMap<>();
        for (TestMqttClient.Received message : display.received()) {
            first.putIfAbsent(new JsonObject(message.payload()).getString("event_id"), message.receivedNanos());
        }
        return first;
    }

    @Override
    public void close() throws InterruptedException {
        stopWriting();
        vertx.close();
    }
}
