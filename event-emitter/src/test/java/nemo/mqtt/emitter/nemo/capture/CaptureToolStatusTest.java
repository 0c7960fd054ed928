package nemo.mqtt.emitter.nemo.capture;

import static nemo.mqtt.emitter.EmitterApi.state;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Change data capture of what else sets a tool's status (tasks, shutdowns, outages, reservations)
 * against a real PostgreSQL with NEMO's tables, written the way NEMO writes them: each change
 * becomes the events the API and the poller produce, once.
 */
@QuarkusTest
@WithNemoDatabase
class CaptureToolStatusTest extends CaptureTestBase {

    @Test
    void aForcedShutdownWhileInUseGoesStraightToShutdown() throws Exception {
        long erin = nemo.user("erin", "Erin", "Stone", false);
        long tool = nemo.tool("Aligner", null);
        long usage = inUse(tool, erin);
        // NEMO's order: task INSERT, task UPDATE, tool UPDATE operational=false, usage UPDATE end=now
        newTask(tool, erin, true, "Chamber door seal broken");
        nemo.operational(tool, false);
        nemo.endUsage(usage, Instant.now());
        await().atMost(WAIT)
                .untilAsserted(() -> state(tool).body("state", is("shutdown")).body("in_use", is(false)));
        List<String> shown = statuses(tool);
        assertFalse(shown.subList(shown.indexOf("in_use"), shown.size()).contains("idle"), shown.toString());
        JsonObject shutdown = event(tool, "tool_non_operational");
        assertEquals("Chamber door seal broken", shutdown.getString("note"));
    }

    @Test
    void aProblemWithoutShutdownCarriesItsText() throws Exception {
        long fay = nemo.user("fay", "Fay", "Li", false);
        long tool = nemo.tool("Profilometer", null);
        long task = newTask(tool, fay, false, "Stage drifts by 2 µm");
        await().atMost(WAIT).untilAsserted(() -> state(tool).body("state", is("problem")));
        JsonObject created = event(tool, "task_created");
        assertEquals("Stage drifts by 2 µm", created.getString("note"));
        assertEquals(task, created.getLong("task_id"));
    }

    @Test
    void aTaskIsUpdatedThenResolved() throws Exception {
        long gus = nemo.user("gus", "Gus", "Ray", true);
        long tool = nemo.tool("Evaporator", null);
        long task = newTask(tool, gus, false, "Crucible cracked");
        nemo.saveTask(task, Instant.now(), false);
        nemo.saveTask(task, null, true);
        // the tool alone is already idle: wait for the task's events, then for the state they leave
        await().atMost(WAIT)
                .untilAsserted(() -> assertEquals(
                        List.of("tool_updated", "task_created", "task_updated", "task_resolved"), types(events(tool))));
        await().atMost(WAIT).untilAsserted(() -> state(tool).body("state", is("idle")));
    }

    @Test
    void operationalToggledShutsDownAndReleases() throws Exception {
        long tool = nemo.tool("Bonder", null);
        nemo.operational(tool, false);
        await().atMost(WAIT).untilAsserted(() -> state(tool).body("state", is("shutdown")));
        nemo.operational(tool, false); // saved again unchanged: nothing
        nemo.operational(tool, true);
        await().atMost(WAIT).untilAsserted(() -> state(tool).body("state", is("idle")));
        assertEquals(List.of("tool_updated", "tool_non_operational", "tool_operational"), types(events(tool)));
    }

    @Test
    void aScheduledOutageHoldsFromItsStartToItsEnd() throws Exception {
        long ida = nemo.user("ida", "Ida", "Kim", true);
        long tool = nemo.tool("Dicer", null);
        Instant start = Instant.now().plusSeconds(2);
        nemo.outage(tool, ida, "Blade change", start, start.plusSeconds(3));
        await().atMost(WAIT).untilAsserted(() -> state(tool).body("state", is("outage")));
        assertFalse(Instant.now().isBefore(start));
        await().atMost(WAIT).untilAsserted(() -> state(tool).body("state", is("idle")));
        List<JsonObject> events = events(tool);
        assertEquals(List.of("tool_updated", "outage_started", "outage_ended"), types(events));
        assertEquals("Blade change", events.get(1).getString("note"));
    }

    @Test
    void aReservationIsCreatedMovedAndCancelled() throws Exception {
        long jo = nemo.user("jo", "Jo", "Diaz", false);
        long tool = nemo.tool("Mask aligner", null);
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        long first = nemo.reservation(tool, jo, start, start.plusSeconds(3600));
        await().atMost(WAIT)
                .untilAsserted(() -> state(tool)
                        .body("next_reservation.reservation_id", is((int) first))
                        .body("next_reservation.user_name", is("Jo Diaz")));
        // moved in place (an admin edit), then moved the way NEMO's calendar does: successor in, original cancelled
        nemo.update(
                "update \"NEMO_reservation\" set start = ?, \"end\" = ? where id = ?",
                Timestamp.from(start.plusSeconds(600)),
                Timestamp.from(start.plusSeconds(4200)),
                first);
        long second = nemo.reservation(tool, jo, start.plusSeconds(7200), start.plusSeconds(9000));
        nemo.update(
                "update \"NEMO_reservation\" set cancelled = true, cancellation_time = now(), descendant_id = ? where id = ?",
                second,
                first);
        await().atMost(WAIT).untilAsserted(() -> state(tool).body("next_reservation.reservation_id", is((int) second)));
        nemo.update("update \"NEMO_reservation\" set cancelled = true, cancellation_time = now() where id = ?", second);
        await().atMost(WAIT).untilAsserted(() -> state(tool).body("next_reservation", nullValue()));
        assertEquals(
                List.of(
                        "tool_updated",
                        "reservation_created",
                        "reservation_updated",
                        "reservation_created",
                        "reservation_cancelled",
                        "reservation_cancelled"),
                types(events(tool)));
    }
}
