package nemo.mqtt.emitter;

import static nemo.mqtt.emitter.EmitterApi.accept;
import static nemo.mqtt.emitter.EmitterApi.authorized;
import static nemo.mqtt.emitter.EmitterApi.entries;
import static nemo.mqtt.emitter.EmitterApi.number;
import static nemo.mqtt.emitter.EmitterApi.rejected;
import static nemo.mqtt.emitter.EmitterApi.retained;
import static nemo.mqtt.emitter.EmitterApi.state;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** A tool's state as its events change it: priority, children, late and odd events, batches, history. */
@QuarkusTest
@WithPostgresAndRedis
class ToolStateTest {

    @Test
    void theRetainedStatusFollowsNemosPriority() {
        long tool = 5101;
        accept(
                "{\"event\":\"tool_enabled\",\"tool_id\":5101,\"tool_name\":\"Woollam\",\"user_name\":\"Alice Smith\",\"usage_id\":9}");
        assertState(tool, "in_use").body("user_name", is("Alice Smith"));
        accept("{\"event\":\"task_created\",\"tool_id\":5101,\"note\":\"Lamp flickers\"}");
        assertState(tool, "problem").body("problem", is("Lamp flickers"));
        accept("{\"event\":\"tool_non_operational\",\"tool_id\":5101,\"note\":\"Vacuum leak\"}");
        assertState(tool, "shutdown");
        accept("{\"event\":\"outage_started\",\"tool_id\":5101}");
        assertState(tool, "shutdown");
        accept("{\"event\":\"tool_operational\",\"tool_id\":5101}");
        assertState(tool, "outage");
        accept("{\"event\":\"outage_ended\",\"tool_id\":5101}");
        assertState(tool, "problem");
        accept("{\"event\":\"task_resolved\",\"tool_id\":5101}");
        assertState(tool, "in_use").body("problem", nullValue());
        accept(
                "{\"event\":\"tool_disabled\",\"tool_id\":5101,\"usage_id\":9,\"delayed_logoff_until\":\"2999-01-01T00:00:00Z\"}");
        assertState(tool, "delayed_logoff").body("user_name", nullValue());

        // every change of what the status shows went out as a retained status message, newest last, on
        // the tool's shard stream (the outage under the shutdown showed nothing new: no status for it)
        List<JsonObject> statuses =
                await().atMost(Duration.ofSeconds(10)).until(() -> retained(tool, "status"), l -> l.size() == 7);
        assertEquals(
                List.of("in_use", "problem", "shutdown", "outage", "problem", "in_use", "delayed_logoff"),
                statuses.stream().map(s -> s.getString("state")).toList());
        JsonObject last = statuses.get(6);
        assertEquals("tool_status", last.getString("event"));
        assertEquals("Woollam", last.getString("tool_name"));
        assertEquals(8L, last.getLong("seq"));
    }

    @Test
    void aChildToolsEventsReportUnderItsParent() {
        accept("{\"event\":\"tool_enabled\",\"tool_id\":5702,\"parent_tool_id\":5701,\"user_name\":\"Dee\"}");
        assertState(5701, "in_use").body("user_name", is("Dee"));
        authorized().get("/api/v1/tools/5702").then().statusCode(404);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> entries(5701).stream()
                        .anyMatch(m -> m.payload().get("topic").equals("nemo/tools/5701/enabled")
                                && new JsonObject(m.payload().get("payload")).getLong("child_tool_id") == 5702L));
    }

    @Test
    void anEndWithoutAStartIsKeptAsAWarning() {
        accept("{\"event\":\"tool_disabled\",\"tool_id\":5201}");
        assertState(5201, "idle").body("warning", is("tool_disabled received while no usage was running"));
    }

    @Test
    void aLateStartOfAnEndedUsageIsPublishedButChangesNoState() {
        long tool = 5951;
        accept("{\"event\":\"tool_disabled\",\"tool_id\":5951,\"usage_id\":72001,\"user_name\":\"Alice\","
                + "\"start_time\":\"2026-11-30T08:00:00Z\",\"end_time\":\"2026-11-30T08:45:00Z\"}");
        assertState(tool, "idle").body("since", is("2026-11-30T08:45:00.000+00:00"));
        accept("{\"event\":\"tool_enabled\",\"tool_id\":5951,\"usage_id\":72001,\"user_name\":\"Alice\","
                + "\"start_time\":\"2026-11-30T08:00:00Z\"}");
        assertState(tool, "idle")
                .body("in_use", is(false))
                .body("since", is("2026-11-30T08:45:00.000+00:00"))
                .body("last_user_name", is("Alice"))
                .body("last_used_until", is("2026-11-30T08:45:00.000+00:00"))
                .body("warning", is("tool_enabled of usage 72001 arrived after its tool_disabled: state unchanged"));
        // stored and published as an event all the same; the status never said in_use
        await().atMost(Duration.ofSeconds(10))
                .until(() -> entries(tool).stream()
                        .anyMatch(m -> m.payload().get("topic").equals("nemo/tools/5951/enabled")));
        assertTrue(retained(tool, "status").stream().noneMatch(s -> "in_use".equals(s.getString("state"))));
    }

    @Test
    void aBatchIsStoredWholeOrNotAtAllWithErrorsPerItem() {
        long before = number("select count(*) from tool_event where tool_id in (5401, 5402)");
        rejected("[{\"event\":\"tool_enabled\",\"tool_id\":5401},{\"event\":\"tool_enabled\"},"
                        + "{\"event\":\"tool_enabled\",\"tool_id\":5402,\"tool_name\":\"bad\\u0000name\"}]")
                .body("errors.field", hasItem("[1].tool_id"))
                .body("errors.field", hasItem("[2].tool_name"));
        assertEquals(before, number("select count(*) from tool_event where tool_id in (5401, 5402)"));

        accept("[{\"event\":\"tool_enabled\",\"tool_id\":5401},{\"event\":\"tool_disabled\",\"tool_id\":5401},"
                        + "{\"event\":\"tool_enabled\",\"tool_id\":5402}]")
                .body("$", hasSize(3))
                .body("[1].seq", is(2))
                .body("[2].tool_id", is(5402));
    }

    @Test
    void historyPagesThroughAToolsEvents() {
        for (int i = 0; i < 5; i++) {
            accept("{\"event\":\"" + (i % 2 == 0 ? "tool_enabled" : "tool_disabled") + "\",\"tool_id\":5501}");
        }
        long next = historyPage(5501, null)
                .body("items", hasSize(3))
                .body("items[0].seq", is(1))
                .body("items[0].payload.event", is("tool_enabled"))
                .extract()
                .jsonPath()
                .getLong("next_after");
        historyPage(5501, next)
                .body("items", hasSize(2))
                .body("items[1].seq", is(5))
                .body("next_after", nullValue());
        authorized().get("/api/v1/tools/999999").then().statusCode(404);
        authorized().get("/api/v1/tools").then().statusCode(200).body("tool_id", hasItem(5501));
    }

    /** A page of up to 3 of {@code tool}'s events after {@code after} (a page's next_after; null: from the first). */
    private static ValidatableResponse historyPage(long tool, Long after) {
        RequestSpecification request = authorized().queryParam("tool_id", tool).queryParam("limit", 3);
        if (after != null) {
            request = request.queryParam("after", after);
        }
        return request.get("/api/v1/events").then().statusCode(200);
    }

    private ValidatableResponse assertState(long tool, String state) {
        return state(tool).body("state", is(state));
    }
}
