package nemo.mqtt.emitter;

import static io.restassured.RestAssured.given;
import static nemo.mqtt.emitter.EmitterApi.authorized;
import static nemo.mqtt.emitter.EmitterApi.number;
import static nemo.mqtt.emitter.EmitterApi.state;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import nemo.mqtt.emitter.nemo.NemoPoller;
import nemo.mqtt.testing.FakeNemo;
import nemo.mqtt.testing.NemoJson;

/** The poller against a NEMO-shaped HTTP server: starts, ends, short runs, shutdowns, outages; nothing twice. */
@QuarkusTest
@WithFakeNemo
class NemoPollerTest {

    @Inject
    NemoPoller poller;

    @Test
    void whatChangesInNemoBecomesEventsExactlyOnce() {
        Instant now = Instant.now();
        PollerTesting.idleTool(21, "Woollam");

        FakeNemo.usages.add(NemoJson.usage(11, 21, "Alice", "Smith", now.minusSeconds(60), null));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> state(21)
                        .body("state", is("in_use"))
                        .body("user_name", is("Alice Smith"))
                        .body("usage_id", is(11)));

        PollerTesting.end(11, now);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> state(21).body("state", is("idle")));

        // a run that started and ended between two polls is still reported, start then end
        FakeNemo.usages.add(NemoJson.usage(12, 21, "Bob", "Jones", now.minusSeconds(30), now.minusSeconds(10)));
        await().atMost(Duration.ofSeconds(30)).until(() -> eventsOfUsage(12).size() == 2);
        assertEquals(List.of("tool_enabled", "tool_disabled"), eventsOfUsage(12));

        // a usage that ended long ago, outside the look-back: found again by id
        FakeNemo.usages.add(NemoJson.usage(13, 22, "Carol", "White", now.minus(Duration.ofHours(3)), null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> state(22).body("state", is("in_use")));
        PollerTesting.end(13, now.minus(Duration.ofHours(2)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> state(22).body("state", is("idle")));

        FakeNemo.update(FakeNemo.toolList, 21, t -> t.put("_operational", false));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> state(21).body("state", is("shutdown")));

        // an upcoming reservation becomes the tool's next one; cancelled in NEMO, it is gone again
        FakeNemo.reservations.add(NemoJson.reservation(
                31, 21, "Dan", "Park", now.plus(Duration.ofDays(1)), now.plus(Duration.ofHours(26))));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> state(21)
                        .body("next_reservation.reservation_id", is(31))
                        .body("next_reservation.user_name", is("Dan Park")));
        FakeNemo.update(FakeNemo.reservations, 31, r -> r.put("cancelled", true));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> state(21).body("next_reservation", nullValue()));

        // a usage on a child tool shows on its parent, naming the child
        FakeNemo.toolList.add(NemoJson.tool(23, "Woollam stage 2", 21L));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> number("select count(*) from nemo_poller_tool where tool_id = 23 and parent_tool_id = 21")
                        == 1);
        FakeNemo.usages.add(NemoJson.usage(14, 23, "Eve", "Stone", now.minusSeconds(5), null));
        // (tool 21 is shut down at this point: in use, but shutdown is what it shows)
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> state(21)
                        .body("in_use", is(true))
                        .body("user_name", is("Eve Stone"))
                        .body("usage_id", is(14)));
        authorized().get("/api/v1/tools/23").then().statusCode(404);
        PollerTesting.end(14, now);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> state(21).body("in_use", is(false)));

        // further cycles with nothing new report nothing new
        long events = number("select count(*) from tool_event where tool_id in (21, 22, 23)");
        OffsetDateTime seen = poller.lastSuccess();
        await().atMost(Duration.ofSeconds(30)).until(() -> poller.lastSuccess().isAfter(seen.plusSeconds(1)));
        assertEquals(events, number("select count(*) from tool_event where tool_id in (21, 22, 23)"));

        // NEMO down: the emitter keeps serving and says so; it resumes by itself
        FakeNemo.failWith = 503;
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        given().get("/q/health/ready").then().statusCode(200).body(containsString("NEMO unavailable")));
        FakeNemo.failWith = 0;
        FakeNemo.update(FakeNemo.toolList, 21, t -> t.put("_operational", true));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> state(21).body("state", is("idle")));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> given().get("/q/health/ready").then().body(not(containsString("NEMO unavailable"))));
    }

    /** The events of usage {@code usage} of tool 21 (the tool's own: other classes' events do not crowd them out). */
    private List<String> eventsOfUsage(long usage) {
        return PollerTesting.events(21).stream()
                .filter(p -> Long.valueOf(usage).equals(p.getLong("usage_id")))
                .map(p -> p.getString("event"))
                .toList();
    }
}
