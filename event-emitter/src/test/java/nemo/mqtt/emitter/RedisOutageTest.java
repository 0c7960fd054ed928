package nemo.mqtt.emitter;

import static io.quarkus.test.common.TestResourceScope.RESTRICTED_TO_CLASS;
import static io.restassured.RestAssured.given;
import static nemo.mqtt.emitter.EmitterApi.accept;
import static nemo.mqtt.emitter.EmitterApi.assertOncePerMessage;
import static nemo.mqtt.emitter.EmitterApi.entries;
import static nemo.mqtt.emitter.EmitterApi.number;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import nemo.mqtt.emitter.event.Shards;
import nemo.mqtt.testing.PostgresTestResource;

/**
 * Redis goes away: events are still accepted, wait in PostgreSQL, and reach the stream once each when
 * it returns; if it returns without entries it had acknowledged, they are appended again.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = RESTRICTED_TO_CLASS)
@WithTestResource(value = KillableRedisResource.class, scope = RESTRICTED_TO_CLASS)
class RedisOutageTest {

    @Inject
    Pool db;

    @Test
    void eventsAcceptedWhileRedisIsDownAreRelayedOnceItReturns() {
        long tool = 6101;
        List<LogRecord> relayLog = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                relayLog.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger.getLogger("nemo.mqtt.emitter.outbox.OutboxRelay").addHandler(capture);
        try {
            outageOfRedis(tool, relayLog);
        } finally {
            Logger.getLogger("nemo.mqtt.emitter.outbox.OutboxRelay").removeHandler(capture);
        }
    }

    private void outageOfRedis(long tool, List<LogRecord> relayLog) {
        double failuresBefore = relayFailures();
        KillableRedisResource.redis.kill();
        for (int i = 0; i < 20; i++) {
            accept("{\"event\":\"" + (i % 2 == 0 ? "tool_enabled" : "tool_disabled") + "\",\"tool_id\":" + tool + "}");
        }
        assertEquals(20, number("select count(*) from outbox where tool_id = $1", tool), "one outbox row per event");
        long messages = messagesOf(tool);
        assertEquals(60, messages, "each event, the status it changed and its display form");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body("status", is("UP"))
                        .body(containsString("Redis unreachable")));
        assertEquals(20, number("select count(*) from outbox where tool_id = $1 and sent_at is null", tool));
        // the relay sweeps every second: several failed runs, each counted
        await().atMost(Duration.ofSeconds(10)).until(() -> relayFailures() >= failuresBefore + 3);

        KillableRedisResource.redis.start();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> number("select count(*) from outbox where sent_at is null") == 0);
        assertOncePerMessage(entries(tool), messages);
        given().get("/q/health/ready").then().statusCode(200).body(not(containsString("Redis unreachable")));
        List<String> said = relayLog.stream()
                .filter(r -> r.getLevel().intValue() >= Level.INFO.intValue())
                .map(r -> r.getLevel() + " " + r.getMessage())
                .toList();
        assertEquals(
                1,
                said.stream()
                        .filter(line -> line.startsWith("WARN") && line.contains("failing"))
                        .count(),
                "one WARN for the whole outage: " + said);
        assertEquals(
                1,
                said.stream()
                        .filter(line -> line.startsWith("INFO") && line.contains("working again"))
                        .count(),
                "one INFO when it ends: " + said);
    }

    /** Marks {@code tool}'s outbox rows unsent, as a crash between XADD and the commit leaves them, and waits for the relay. */
    private void markUnsentAndAwaitRelay(long tool) {
        db.preparedQuery("update outbox set sent_at = null where tool_id = $1")
                .execute(Tuple.of(tool))
                .await()
                .atMost(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> number("select count(*) from outbox where sent_at is null") == 0);
    }

    /** How many messages {@code tool}'s outbox rows carry (each one stream entry). */
    private static long messagesOf(long tool) {
        return number("select coalesce(sum(cardinality(topics)), 0) from outbox where tool_id = $1", tool);
    }

    /** nemo_background_failures_total{loop="relay"} from the metrics endpoint (0 before the first failure). */
    private static double relayFailures() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("(?m)^nemo_background_failures_total\\{[^}]*loop=\"relay\"[^}]*} (\\S+)$")
                .matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    @Test
    void rowsAppendedButNotMarkedSentAreNotAppendedTwice() {
        long tool = 6201;
        postEnabled(tool, 5);
        long messages = messagesOf(tool);
        await().atMost(Duration.ofSeconds(10)).until(() -> entries(tool).size() == messages);
        // As if the emitter died after XADD and before its commit
        markUnsentAndAwaitRelay(tool);
        assertOncePerMessage(entries(tool), messages);
    }

    @Test
    void aRowWhoseMessagesWerePartlyAppendedGetsOnlyTheRestAppended() {
        long tool = 6251;
        postEnabled(tool, 1); // one row: the event, the status, its display form
        await().atMost(Duration.ofSeconds(10)).until(() -> entries(tool).size() == 3);
        List<StreamMessage<String, String, String>> appended = entries(tool);
        // As if the emitter died between the row's second and third XADD: the last entry missing.
        String stream = Arc.container().instance(Shards.class).get().streamKey(tool);
        Arc.container().instance(RedisDataSource.class).get().stream(String.class)
                .xdel(stream, appended.get(2).id());
        markUnsentAndAwaitRelay(tool);

        List<StreamMessage<String, String, String>> relayed = entries(tool);
        assertOncePerMessage(relayed, 3);
        assertEquals(
                List.of(appended.get(0).id(), appended.get(1).id()),
                List.of(relayed.get(0).id(), relayed.get(1).id()),
                "the two messages already there were not appended again");
        assertEquals(
                List.of("nemo/tools/" + tool + "/enabled", "nemo/tools/" + tool + "/status"),
                List.of(
                        relayed.get(0).payload().get("topic"),
                        relayed.get(1).payload().get("topic")),
                "the event's own topic, then the status");
        assertEquals(appended.get(2).payload(), relayed.get(2).payload(), "the missing one, appended last");
    }

    @Test
    void entriesARestartedRedisLostAreRelayedAgainInOrder() throws IOException {
        long tool = 6301;
        postEnabled(tool, 3); // each: the event, the status, its display form
        await().atMost(Duration.ofSeconds(10)).until(() -> entries(tool).size() == 9);
        // What Redis has on disk now is what it will come back with.
        KillableRedisResource.redis.stop();
        Path snapshot = Files.createTempDirectory("redis-before-");
        copy(KillableRedisResource.redis.dir(), snapshot);
        KillableRedisResource.redis.start();

        postEnabled(tool, 3);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> entries(tool).size() == 18
                        && number("select count(*) from outbox where tool_id = $1 and sent_at is null", tool) == 0);
        // Redis acknowledged those three events, then died before they reached its disk.
        KillableRedisResource.redis.kill();
        copy(snapshot, KillableRedisResource.redis.dir());
        KillableRedisResource.redis.start();
        assertEquals(9, entries(tool).size(), "Redis came back without the last three events");

        await().atMost(Duration.ofSeconds(20)).until(() -> entries(tool).size() >= 18);
        List<StreamMessage<String, String, String>> entries = entries(tool);
        assertOncePerMessage(entries, 18);
        List<Long> seqs = entries.stream()
                .map(m -> Long.parseLong(m.payload().get("seq")))
                .toList();
        assertEquals(seqs.stream().sorted().toList(), seqs, "the tool's entries in seq order");
    }

    @Test
    void aStreamRedisLostEntirelyGetsItsRecentRowsBackOnce() {
        StreamLoss.assertRecentRowsComeBackOnce(6401);
    }

    @Test
    void aStreamLostWhileTheRelayIsBusyWithOthersGetsItsRowsBack() {
        StreamLoss.assertRecentRowsComeBackWhileTheRelayIsBusy(6501, 6502);
    }

    /** POSTs {@code events} tool_enabled of {@code tool}, by users U0, U1, ... */
    private static void postEnabled(long tool, int events) {
        for (int i = 0; i < events; i++) {
            EmitterApi.postEnabled(tool, "U" + i);
        }
    }

    /** Makes {@code target} hold exactly what {@code source} holds. */
    private static void copy(Path source, Path target) throws IOException {
        try (Stream<Path> old = Files.walk(target)) {
            for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(target)) {
                    Files.delete(path);
                }
            }
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path path : files.toList()) {
                Path to = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(path, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
