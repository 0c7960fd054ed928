package nemo.mqtt.emitter;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import nemo.mqtt.emitter.nemo.NemoEventIds;
import nemo.mqtt.testing.FakeNemo;
import nemo.mqtt.testing.NemoJson;

/**
 * How long a change in NEMO takes to become an event in the emitter's database (usage interval 1 s,
 * status interval 3 s, see FakeNemo), printed as {@code POLLER-DELAY} lines and held to one interval
 * plus one cycle and a margin for a loaded machine.
 */
@QuarkusTest
@WithFakeNemo
class NemoPollerDelayTest {

    private static final long TOOL = 90;
    private static final Duration MARGIN = Duration.ofSeconds(2);

    @Inject
    Pool db;

    @Test
    void changesBecomeEventsWithinOneIntervalAndACycle() {
        PollerTesting.idleTool(TOOL, "Delay meter");
        List<Duration> enable = new ArrayList<>();
        List<Duration> disable = new ArrayList<>();
        List<Duration> problem = new ArrayList<>();
        List<Duration> reservation = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long usage = 900 + i;
            long task = 950 + i;
            long booking = 970 + i;
            Instant now = Instant.now();
            FakeNemo.usages.add(NemoJson.usage(usage, TOOL, "Ada", "Byron", now, null));
            enable.add(until(NemoEventIds.of("usage", usage, "start")));
            PollerTesting.end(usage, Instant.now());
            disable.add(until(NemoEventIds.of("usage", usage, "end")));
            FakeNemo.tasks.add(NemoJson.task(task, TOOL, false, "Measured problem", Instant.now()));
            problem.add(until(NemoEventIds.of("task", task, "created")));
            FakeNemo.update(FakeNemo.tasks, task, t -> t.put("resolved", true));
            until(NemoEventIds.of("task", task, "resolved"));
            FakeNemo.reservations.add(NemoJson.reservation(
                    booking, TOOL, "Ada", "Byron", now.plus(Duration.ofDays(1)), now.plus(Duration.ofHours(25))));
            reservation.add(until(NemoEventIds.of("reservation", booking, "created")));
        }
        FakeNemo.failWith = 503;
        long down = FakeNemo.requests.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> FakeNemo.requests.size() >= down + 5);
        FakeNemo.usages.add(NemoJson.usage(999, TOOL, "Ada", "Byron", Instant.now(), null));
        FakeNemo.failWith = 0;
        Duration recovery = until(NemoEventIds.of("usage", 999, "start"));

        report("enable", enable);
        report("disable", disable);
        report("problem", problem);
        report("reservation", reservation);
        report("recovery", List.of(recovery));
        Duration usageBound = Duration.ofSeconds(2).plus(MARGIN);
        assertTrue(Collections.max(enable).compareTo(usageBound) < 0, "enable " + enable);
        assertTrue(Collections.max(disable).compareTo(usageBound) < 0, "disable " + disable);
        assertTrue(Collections.max(problem).compareTo(usageBound) < 0, "problem " + problem);
        assertTrue(
                Collections.max(reservation).compareTo(Duration.ofSeconds(4).plus(MARGIN)) < 0,
                "reservation " + reservation);
        assertTrue(recovery.compareTo(usageBound) < 0, "recovery " + recovery);
    }

    /** How long until the event {@code eventId} is in the emitter's database. */
    private Duration until(UUID eventId) {
        long start = System.nanoTime();
        await().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(10))
                .atMost(Duration.ofSeconds(30))
                .until(() -> db.preparedQuery("select count(*) from tool_event where event_id = $1")
                                .execute(Tuple.of(eventId))
                                .await()
                                .atMost(Duration.ofSeconds(10))
                                .iterator()
                                .next()
                                .getLong(0)
                        == 1);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void report(String what, List<Duration> delays) {
        List<Long> ms = delays.stream().map(Duration::toMillis).sorted().toList();
        System.out.printf(
                "POLLER-DELAY %s: median %d ms, max %d ms, all %s%n",
                what, ms.get(ms.size() / 2), ms.get(ms.size() - 1), ms);
    }
}
