package nemo.mqtt.emitter;

import static nemo.mqtt.emitter.EmitterApi.accept;
import static nemo.mqtt.emitter.EmitterApi.entries;
import static nemo.mqtt.emitter.EmitterApi.postEnabled;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Many clients at once: one tool's events still get consecutive seqs and reach the stream in seq order.
 * With two group-commit lanes, so that groups also run side by side and contend for the tools' rows.
 */
@QuarkusTest
@WithPostgresAndRedis
@TestProfile(ConcurrencyTest.TwoLanes.class)
class ConcurrencyTest {

    public static class TwoLanes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("nemo.emitter.group-commit.lanes", "2");
        }
    }

    @Inject
    Pool db;

    @Test
    void concurrentEventsOfOneToolReachTheStreamInSeqOrder() {
        long tool = 8101;
        int events = 200;
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            CompletableFuture.allOf(IntStream.range(0, events)
                            .mapToObj(i -> CompletableFuture.runAsync(() -> postEnabled(tool, "U" + i), clients))
                            .toArray(CompletableFuture[]::new))
                    .join();
        } finally {
            clients.shutdown();
        }
        List<Long> seqs = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> entries(tool).stream()
                                .filter(m -> ("nemo/tools/" + tool + "/enabled")
                                        .equals(m.payload().get("topic")))
                                .map(m -> Long.parseLong(m.payload().get("seq")))
                                .toList(),
                        l -> l.size() == events);
        assertEquals(LongStream.rangeClosed(1, events).boxed().toList(), seqs);
    }

    /**
     * Singles and batches over several tools at once (batches naming tools in opposite orders, which
     * would deadlock groups that locked tools in arrival order): every tool's seqs are 1..n in the
     * order of its history ids, and its outbox rows follow seq (the relay's order).
     */
    @Test
    void concurrentSinglesAndBatchesOverManyToolsKeepEachToolsSeqOrder() {
        long first = 8301;
        int tools = 6;
        int requests = 120;
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            CompletableFuture.allOf(IntStream.range(0, requests)
                            .mapToObj(i -> CompletableFuture.runAsync(
                                    () -> {
                                        long a = first + i % tools;
                                        long b = first + (tools - 1 - i % tools);
                                        String one =
                                                "{\"event\":\"tool_enabled\",\"tool_id\":%d,\"user_name\":\"U%d\"}";
                                        String body = i % 3 == 0
                                                ? one.formatted(a, i)
                                                : "[" + one.formatted(a, i) + "," + one.formatted(b, i) + ","
                                                        + one.formatted(a, i) + "]";
                                        accept(body);
                                    },
                                    clients))
                            .toArray(CompletableFuture[]::new))
                    .join();
        } finally {
            clients.shutdown();
        }
        long stored = 0;
        for (long tool = first; tool < first + tools; tool++) {
            List<Long> seqs = column("select seq from tool_event where tool_id = $1 order by id", tool);
            assertEquals(LongStream.rangeClosed(1, seqs.size()).boxed().toList(), seqs, "tool " + tool);
            List<Long> outbox = column("select seq from outbox where tool_id = $1 order by id", tool);
            assertEquals(outbox.stream().sorted().toList(), outbox, "tool " + tool + "'s outbox rows follow seq");
            stored += seqs.size();
        }
        assertEquals(requests / 3 + (requests - requests / 3) * 3, stored);
    }

    private List<Long> column(String sql, long tool) {
        List<Long> values = new ArrayList<>();
        db.preparedQuery(sql)
                .execute(Tuple.of(tool))
                .await()
                .atMost(Duration.ofSeconds(10))
                .forEach(row -> values.add(row.getLong(0)));
        return values;
    }

    @Test
    void theSameEventIdSentConcurrentlyIsStoredOnce() {
        String eventId = UUID.randomUUID().toString();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> answers = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> accept("{\"event\":\"tool_enabled\",\"tool_id\":8201,\"event_id\":\"" + eventId
                                            + "\"}")
                                    .extract()
                                    .<Integer>path("seq"),
                            clients))
                    .toList();
            assertEquals(
                    List.of(1),
                    answers.stream().map(CompletableFuture::join).distinct().toList());
        } finally {
            clients.shutdown();
        }
    }
}
