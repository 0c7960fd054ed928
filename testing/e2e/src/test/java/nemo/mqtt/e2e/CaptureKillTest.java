package nemo.mqtt.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.DeliveryAssertions;
import nemo.mqtt.testing.DeliveryAssertions.Delivery;
import nemo.mqtt.testing.FreePorts;
import nemo.mqtt.testing.JavaService;
import nemo.mqtt.testing.NemoPostgres;
import nemo.mqtt.testing.NemoRows;
import nemo.mqtt.testing.ServiceProcess;
import nemo.mqtt.testing.StackAddresses;

/**
 * Issue 12: the packaged emitter, capturing NEMO's PostgreSQL, SIGKILLed in the middle of 1,000 NEMO
 * changes and started again. A batch's events and its replication position commit in one transaction,
 * so the restart resumes right after the last committed change: every change is on the streams once,
 * nothing is lost, and each tool's events keep NEMO's order. The streams are what the emitter publishes
 * (the bridge relays them entry by entry); reading them judges the emitter alone, so no repeat is allowed,
 * not even the ones a QoS 1 broker may add later.
 */
class CaptureKillTest {

    private static final int TOOLS = 10;
    private static final int ROUNDS = 50; // each: a usage starts on every tool, then each ends
    private static final int CHANGES = ROUNDS * TOOLS * 2;
    private static final int KILL_AFTER_EVENTS = 300;
    private static final int LEAD = 100;
    private static final String SLOT = "nemo_mqtt_kill";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final long startNanos = System.nanoTime();

    /** NEMO's PostgreSQL, starting beside the emitter's databases and the emitter (it takes two server starts). */
    private final int nemoPort = FreePorts.next();

    private final CompletableFuture<NemoPostgres> nemo =
            CompletableFuture.supplyAsync(() -> NemoPostgres.start(nemoPort));

    @AutoClose
    private final ServiceProcess emitterDb;

    @AutoClose
    private final ServiceProcess redis;

    @AutoClose
    private final ShardStreams streams;

    /** Starts the emitter's databases side by side. */
    CaptureKillTest() {
        CompletableFuture<ServiceProcess> emitterDbStarting = CompletableFuture.supplyAsync(ServiceProcess::postgres);
        redis = ServiceProcess.redis();
        streams = new ShardStreams("redis://127.0.0.1:" + redis.port());
        emitterDb = emitterDbStarting.join();
    }

    @AfterEach
    void stopNemo() {
        nemo().close();
    }

    @Test
    void everyChangeIsPublishedOnceInEachToolsOrderAcrossASigkill() throws Exception {
        Map<String, String> env =
                new HashMap<>(StackAddresses.of(redis, emitterDb, null, null).emitter("kill", "kill-test-token"));
        // the capture reads NEMO's PostgreSQL from its first check on (every second) until it answers
        env.putAll(NemoPostgres.captureSettings("NEMO_EMITTER_CAPTURE_", nemoPort, SLOT));
        try (JavaService emitter = new JavaService("event-emitter", "event-emitter", env).start();
                Connection emitterSql = emitterSql()) {
            long user;
            List<Long> tools = new ArrayList<>();
            try (NemoRows rows = nemo().rows()) { // captured (tool_updated) or not, as the slot is made before or after
                user = rows.user("kim", "Kim", "Park", false);
                for (int i = 0; i < TOOLS; i++) {
                    tools.add(rows.tool("Kill " + i, null));
                }
            }
            mark("NEMO's database up");
            emitter.awaitReady(WAIT);
            mark("emitter ready");
            await("the emitter streaming from NEMO's slot").atMost(WAIT).until(this::slotActive);
            mark("capturing");

            AtomicBoolean killed = new AtomicBoolean();
            AtomicInteger written = new AtomicInteger();
            Map<Long, Long> usageTools = new LinkedHashMap<>(); // NEMO's usages, in the order they started
            CompletableFuture<Void> writer =
                    CompletableFuture.runAsync(() -> write(tools, user, usageTools, written, killed));

            // the kill falls after some changes were captured, with more in flight and more to come
            await("some changes captured")
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        assertTrue(!writer.isCompletedExceptionally(), "NEMO's writer failed");
                        return stored(emitterSql) >= KILL_AFTER_EVENTS;
                    });
            emitter.kill();
            killed.set(true);
            mark("killed: " + stored(emitterSql) + " events stored of " + written.get() + " changes made");
            emitter.start().awaitReady(WAIT);
            mark("emitter ready again");
            writer.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            await("every change stored and relayed")
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        assertEquals(CHANGES, stored(emitterSql), "events stored, one per NEMO change");
                        assertEquals(
                                0,
                                count(emitterSql, "select count(*) from outbox where sent_at is null"),
                                "outbox rows not yet on the streams");
                    });
            mark("all stored and on the streams");
            assertPublishedOnceInOrder(usageTools);
        }
    }

    /**
     * NEMO's lab at work: ROUNDS times a usage starts on every tool, then each ends, each change its own
     * transaction. Until the kill it stays at most LEAD changes ahead of what the emitter stored, so the
     * kill falls while changes are in flight; after it, it writes on while the emitter is down.
     */
    private void write(
            List<Long> tools, long user, Map<Long, Long> usageTools, AtomicInteger written, AtomicBoolean killed) {
        try (NemoRows rows = nemo().rows();
                Connection emitterSql = emitterSql()) {
            for (int round = 0; round < ROUNDS; round++) {
                int made = written.get();
                await("the emitter within " + LEAD + " changes of NEMO")
                        .atMost(WAIT)
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> killed.get() || stored(emitterSql) >= made - LEAD);
                List<Long> running = new ArrayList<>();
                for (long tool : tools) {
                    long usage = rows.startUsage(tool, user, user);
                    usageTools.put(usage, tool);
                    running.add(usage);
                    written.incrementAndGet();
                }
                for (long usage : running) {
                    rows.endUsage(usage, Instant.now());
                    written.incrementAndGet();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Each NEMO usage's start and end on the streams exactly once (by event id and topic, as the relay
     * appends), on its tool, and each tool's events in seq order and in NEMO's order of its usages.
     */
    private void assertPublishedOnceInOrder(Map<Long, Long> usageTools) {
        List<ShardStreams.Entry> entries = streams.entries();
        Map<String, String> seen = new HashMap<>();
        for (ShardStreams.Entry entry : entries) {
            String identity =
                    entry.fields().get("event_id") + " " + entry.fields().get("topic");
            String before = seen.put(identity, entry.id());
            assertEquals(null, before, "published twice: " + identity + " at " + before + " and " + entry.id());
        }
        Map<Long, List<String>> perTool = new LinkedHashMap<>(); // "enabled 17", "disabled 17", ... in stream order
        List<Delivery> deliveries = new ArrayList<>();
        for (ShardStreams.Entry entry : entries) {
            String topic = entry.fields().get("topic");
            if (!topic.endsWith("/enabled") && !topic.endsWith("/disabled")) {
                continue; // the status and display each event changed
            }
            JsonObject payload = new JsonObject(entry.fields().get("payload"));
            long tool = payload.getLong("tool_id");
            long usage = payload.getLong("usage_id");
            assertEquals(usageTools.get(usage), tool, "usage " + usage + " on its tool");
            perTool.computeIfAbsent(tool, t -> new ArrayList<>())
                    .add(topic.substring(topic.lastIndexOf('/') + 1) + " " + usage);
            deliveries.add(new Delivery(tool, payload.getLong("seq"), payload.getString("event_id"), 0));
        }
        assertEquals(CHANGES, deliveries.size(), "one event per NEMO change, nothing lost");
        DeliveryAssertions.assertPerToolOrder(deliveries);
        Map<Long, List<String>> expected = new LinkedHashMap<>();
        usageTools.forEach((usage, tool) -> expected.computeIfAbsent(tool, t -> new ArrayList<>())
                .addAll(List.of("enabled " + usage, "disabled " + usage)));
        for (Map.Entry<Long, List<String>> tool : expected.entrySet()) {
            assertEquals(tool.getValue(), perTool.get(tool.getKey()), "tool " + tool.getKey() + " in NEMO's order");
        }
    }

    /** Prints how long the test has run when it reached {@code what} (the test's figures). */
    private void mark(String what) {
        System.out.printf("CaptureKillTest %5.1f s: %s%n", (System.nanoTime() - startNanos) / 1e9, what);
    }

    private Connection emitterSql() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + emitterDb.port() + "/nemo", "nemo", "");
    }

    /** The usage events the emitter stored (one per NEMO change of the writer). */
    private static long stored(Connection emitterSql) throws SQLException {
        return count(
                emitterSql, "select count(*) from tool_event where event_type in ('tool_enabled', 'tool_disabled')");
    }

    private NemoPostgres nemo() {
        return nemo.join();
    }

    private boolean slotActive() throws SQLException {
        try (Connection db = nemo().connect()) {
            return count(db, "select count(*) from pg_replication_slots where active and slot_name = '" + SLOT + "'")
                    == 1;
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
