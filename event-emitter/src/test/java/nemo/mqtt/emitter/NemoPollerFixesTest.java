package nemo.mqtt.emitter;

import static io.restassured.RestAssured.given;
import static nemo.mqtt.emitter.EmitterApi.state;
import static nemo.mqtt.emitter.PollerTesting.WAIT;
import static nemo.mqtt.emitter.PollerTesting.cycles;
import static nemo.mqtt.emitter.PollerTesting.events;
import static nemo.mqtt.emitter.PollerTesting.idleTool;
import static nemo.mqtt.emitter.PollerTesting.ids;
import static nemo.mqtt.emitter.PollerTesting.metric;
import static nemo.mqtt.emitter.PollerTesting.names;
import static nemo.mqtt.emitter.PollerTesting.statuses;
import static nemo.mqtt.emitter.PollerTesting.toolInUse;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import nemo.mqtt.emitter.nemo.NemoEventIds;
import nemo.mqtt.testing.FakeNemo;
import nemo.mqtt.testing.NemoJson;

/** Issue 12, section 2: each fix of the NEMO poller against the NEMO-shaped server (TIME_ZONE America/New_York). */
@QuarkusTest
@WithFakeNemo
class NemoPollerFixesTest {

    @Inject
    Pool db;

    @Test
    void timesCompareAsInstantsSoNothingIsPublishedAgain() {
        Instant now = Instant.now();
        idleTool(41, "Woollam");
        FakeNemo.reservations.add(NemoJson.reservation(
                51, 41, "Dan", "Park", now.plus(Duration.ofDays(1)), now.plus(Duration.ofHours(26))));
        FakeNemo.usages.add(NemoJson.usage(61, 41, "Alice", "Smith", now.minusSeconds(60), now.minusSeconds(20)));
        await().atMost(WAIT).untilAsserted(() -> state(41).body("next_reservation.reservation_id", is(51)));
        await().atMost(WAIT)
                .until(() -> events(41).size() == 4); // tool_updated, reservation_created, enabled, disabled
        cycles("/api/reservations/", 3);
        assertEquals(
                List.of("reservation_created", "tool_disabled", "tool_enabled", "tool_updated"),
                names(events(41)).stream().sorted().toList());
    }

    @Test
    void recoveryTakesAtMostOneIntervalAfterNemoAnswersAgain() {
        idleTool(42, "Raith");
        FakeNemo.failWith = 503;
        await().atMost(WAIT).untilAsserted(() -> health().body(containsString("NEMO unavailable")));
        cycles("?id=0", 8); // down for a while: the probe goes on every interval
        FakeNemo.usages.add(NemoJson.usage(62, 42, "Bob", "Jones", Instant.now(), null));
        FakeNemo.failWith = 0;
        long back = System.nanoTime();
        await().atMost(WAIT).untilAsserted(() -> state(42).body("state", is("in_use")));
        assertTrue(
                Duration.ofNanos(System.nanoTime() - back).compareTo(Duration.ofSeconds(4)) < 0,
                "back after " + Duration.ofNanos(System.nanoTime() - back));

        FakeNemo.acceptedToken = "a-revoked-token";
        await().atMost(WAIT).untilAsserted(() -> health().body(containsString("401")));
        cycles("?id=0", 8);
        PollerTesting.end(62, Instant.now());
        FakeNemo.acceptedToken = FakeNemo.TOKEN;
        back = System.nanoTime();
        await().atMost(WAIT).untilAsserted(() -> state(42).body("state", is("idle")));
        assertTrue(
                Duration.ofNanos(System.nanoTime() - back).compareTo(Duration.ofSeconds(4)) < 0,
                "back after " + Duration.ofNanos(System.nanoTime() - back));
    }

    @Test
    void aForcedShutdownOfAToolInUseNeverShowsIdle() {
        Instant now = Instant.now();
        toolInUse(43, "Heidelberg", 63, "Carol", "White", now.minusSeconds(30));
        // NEMO's order, one commit after the other: task, tool, usage
        FakeNemo.tasks.add(NemoJson.task(71, 43, true, "Chiller leaking", Instant.now()));
        FakeNemo.update(FakeNemo.toolList, 43, t -> t.put("_operational", false));
        PollerTesting.end(63, Instant.now());
        await().atMost(WAIT)
                .untilAsserted(() -> state(43)
                        .body("state", is("shutdown"))
                        .body("in_use", is(false))
                        .body("problem", is("Chiller leaking"))
                        .body("open_problems", is(1)));
        List<String> shown = statuses(db, 43);
        assertFalse(shown.subList(shown.indexOf("in_use"), shown.size()).contains("idle"), shown.toString());

        FakeNemo.update(FakeNemo.tasks, 71, t -> t.put("resolved", true));
        FakeNemo.update(FakeNemo.toolList, 43, t -> t.put("_operational", true));
        await().atMost(WAIT)
                .untilAsserted(() -> state(43).body("state", is("idle")).body("open_problems", is(0)));
        assertTrue(ids(43).contains(
                        NemoEventIds.of("tool", 43, "operational:false:task:71").toString()));
        assertTrue(ids(43).contains(
                        NemoEventIds.of("tool", 43, "operational:true:task:71").toString()));
    }

    @Test
    void aDisableWithADelayedLogoffIsADelayedLogoff() {
        Instant until = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        toolInUse(44, "Nanoscribe", 64, "Dora", "Lee", Instant.now().minusSeconds(30));
        PollerTesting.end(64, until);
        await().atMost(WAIT).untilAsserted(() -> state(44).body("state", is("delayed_logoff")));
        JsonObject status = new JsonObject(state(44).extract().asString());
        assertEquals(until, Instant.parse(status.getString("delayed_logoff_until")));
    }

    @Test
    void scheduledOutagesStartAndEnd() {
        Instant now = Instant.now();
        FakeNemo.toolList.add(NemoJson.tool(45, "ALD", null));
        FakeNemo.outages.add(
                NemoJson.outage(81, 45, "Annual maintenance", now.minusSeconds(60), now.plus(Duration.ofHours(1))));
        await().atMost(WAIT)
                .untilAsserted(
                        () -> state(45).body("state", is("outage")).body("outage_note", is("Annual maintenance")));
        FakeNemo.update(
                FakeNemo.outages,
                81,
                o -> o.put("end", NemoJson.nemoTime(Instant.now().minusSeconds(1))));
        await().atMost(WAIT).untilAsserted(() -> state(45).body("state", is("idle")));
        assertTrue(ids(45).containsAll(List.of(
                NemoEventIds.of("outage", 81, "started").toString(),
                NemoEventIds.of("outage", 81, "ended").toString())));
    }

    @Test
    void aUsageDeletedInNemoEndsOnceAndIsNotAskedForAgain() {
        toolInUse(46, "Evaporator", 66, "Erin", "Moss", Instant.now().minus(Duration.ofHours(1)));
        FakeNemo.usages.removeIf(u -> u.getLong("id") == 66);
        await().atMost(WAIT).untilAsserted(() -> state(46).body("state", is("idle")));
        long asked =
                FakeNemo.requests.stream().filter(r -> r.contains("id__in=66")).count();
        cycles("end__isnull=true", 3);
        assertEquals(
                asked,
                FakeNemo.requests.stream().filter(r -> r.contains("id__in=66")).count());
        assertTrue(ids(46).contains(NemoEventIds.of("usage", 66, "deleted").toString()));
    }

    @Test
    void problemsCarryTheirTextAndUpdatesAndCountAsTasks() {
        idleTool(47, "Sputter");
        FakeNemo.tasks.add(NemoJson.task(72, 47, false, "Pump noisy", Instant.now()));
        FakeNemo.tasks.add(NemoJson.task(73, 47, false, "Door sensor loose", Instant.now()));
        await().atMost(WAIT)
                .untilAsserted(() -> state(47).body("state", is("problem")).body("open_problems", is(2)));
        Instant updated = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        FakeNemo.update(
                FakeNemo.tasks,
                72,
                t -> t.put("last_updated", NemoJson.nemoTime(updated))
                        .put("problem_description", "Pump noisy, bearing ordered"));
        await().atMost(WAIT).untilAsserted(() -> state(47).body("problem", is("Pump noisy, bearing ordered")));
        FakeNemo.update(FakeNemo.tasks, 72, t -> t.put("resolved", true));
        await().atMost(WAIT).untilAsserted(() -> state(47).body("open_problems", is(1)));
        FakeNemo.update(FakeNemo.tasks, 73, t -> t.put("cancelled", true));
        await().atMost(WAIT)
                .untilAsserted(() -> state(47).body("state", is("idle")).body("open_problems", is(0)));
        List<JsonObject> events = events(47);
        assertEquals(
                List.of(
                        "tool_updated",
                        "task_created",
                        "task_created",
                        "task_updated",
                        "task_resolved",
                        "task_resolved"),
                names(events));
        assertEquals("Pump noisy", events.get(1).getString("note"));
        assertEquals(72L, events.get(3).getLong("task_id"));
        assertTrue(ids(47).contains(NemoEventIds.of("task", 72, "updated:" + NemoEventIds.part(updated))
                .toString()));
    }

    @Test
    void eventsNameTheirToolTheChildAndTheCategory() {
        FakeNemo.toolList.add(NemoJson.tool(48, "Raith EBPG", null));
        FakeNemo.toolList.add(NemoJson.tool(49, "Raith EBPG (stage B)", 48L));
        await().atMost(WAIT).untilAsserted(() -> state(48).body("category", is("Lithography/Optical")));
        FakeNemo.usages.add(NemoJson.usage(69, 49, "Finn", "Hart", Instant.now(), null));
        await().atMost(WAIT).untilAsserted(() -> state(48).body("state", is("in_use")));
        JsonObject enabled = events(48).stream()
                .filter(e -> e.getString("event").equals("tool_enabled"))
                .findFirst()
                .orElseThrow();
        assertEquals("Raith EBPG", enabled.getString("tool_name"));
        assertEquals(49L, enabled.getLong("child_tool_id"));
        assertEquals("Raith EBPG (stage B)", enabled.getString("child_tool_name"));
        assertEquals("Lithography/Optical", enabled.getString("category"));
    }

    @Test
    void observableAndLoudAboutPossibleGaps() {
        toolInUse(50, "Dicer", 70, "Gus", "Ray", Instant.now());
        // the cycle that stored the enable is counted a moment after its commit
        await().atMost(WAIT)
                .untilAsserted(() -> given().get("/q/metrics")
                        .then()
                        .body(containsString("nemo_events_accepted_total{event=\"tool_enabled\",source=\"poller\"}")));
        await().atMost(WAIT).until(() -> metric("nemo_poller_last_success_timestamp_seconds") > 0);
        // the emitter was away for an hour, longer than the look-back (15 minutes)
        await().atMost(WAIT).until(() -> {
            db.preparedQuery("update nemo_poller_progress set last_success = now() - interval '1 hour'")
                    .execute(Tuple.tuple())
                    .await()
                    .atMost(WAIT);
            return metric("nemo_poller_possible_gaps_total") >= 1;
        });
    }

    private static ValidatableResponse health() {
        return given().get("/q/health/ready").then();
    }
}
