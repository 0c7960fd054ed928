package nemo.mqtt.emitter.nemo.capture;

import static nemo.mqtt.emitter.EmitterApi.authorized;
import static nemo.mqtt.emitter.EmitterApi.state;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.NemoRows;

/**
 * Change data capture of NEMO's usages against a real PostgreSQL with NEMO's tables, written the way
 * NEMO writes them: each start, end, delete or rename becomes the events the API and the poller
 * produce, with names, once; a rolled-back transaction gives nothing.
 */
@QuarkusTest
@WithNemoDatabase
class CaptureUsageTest extends CaptureTestBase {

    @Test
    void usageOfAUserStartedByStaffStartsAndEnds() throws Exception {
        long alice = nemo.user("alice", "Alice", "Ng", false);
        long bob = nemo.user("bob", "Bob", "Staff", true);
        long tool = nemo.tool("Etcher", null);
        long usage = inUse(tool, tool, alice, bob);
        state(tool)
                .body("user_name", is("Alice Ng"))
                .body("operator_name", is("Bob Staff"))
                .body("tool_name", is("Etcher"));
        nemo.endUsage(usage, Instant.now());
        await().atMost(WAIT).untilAsserted(() -> state(tool).body("state", is("idle")));
        List<JsonObject> events = events(tool);
        assertEquals(List.of("tool_updated", "tool_enabled", "tool_disabled"), types(events));
        assertEquals("Alice Ng", events.get(1).getString("user_name"));
        assertEquals("Bob Staff", events.get(1).getString("operator_name"));
        assertEquals("Etcher", events.get(2).getString("tool_name"));
    }

    @Test
    void childToolUsageShowsOnTheParentNamingTheChild() throws Exception {
        long carol = nemo.user("carol", "Carol", "White", false);
        long parent = nemo.tool("Furnace", null);
        long child = nemo.tool("Furnace tube 2", parent);
        inUse(parent, child, carol, carol);
        state(parent).body("user_name", is("Carol White"));
        JsonObject enabled = event(parent, "tool_enabled");
        assertEquals(child, enabled.getLong("child_tool_id"));
        assertEquals("Furnace tube 2", enabled.getString("child_tool_name"));
        assertEquals("Furnace", enabled.getString("tool_name"));
        authorized().get("/api/v1/tools/" + child).then().statusCode(404);
    }

    @Test
    void aRolledBackNemoTransactionGivesNothing() throws Exception {
        try (Connection tx = NemoDatabaseResource.connect()) {
            long dan = nemo.user("dan", "Dan", "Park", false);
            long rolledBack = nemo.tool("Sputter", null);
            long marker = nemo.tool("Marker", null);
            await().atMost(WAIT).untilAsserted(() -> state(rolledBack).body("tool_name", is("Sputter")));
            tx.setAutoCommit(false);
            new NemoRows(tx).startUsage(rolledBack, dan, dan);
            tx.rollback();
            nemo.startUsage(marker, dan, dan); // committed after the rollback: once it is seen, so would the other be
            await().atMost(WAIT).untilAsserted(() -> state(marker).body("state", is("in_use")));
            assertEquals(List.of("tool_updated"), types(events(rolledBack)));
            state(rolledBack).body("state", is("idle"));
        }
    }

    @Test
    void aDelayedLogoffLastsUntilItsEndThenTheToolIsIdle() throws Exception {
        long hal = nemo.user("hal", "Hal", "Moore", false);
        long tool = nemo.tool("Asher", null);
        long usage = inUse(tool, hal);
        Instant until = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
        nemo.endUsage(usage, until);
        await().atMost(WAIT).untilAsserted(() -> state(tool).body("state", is("delayed_logoff")));
        await().atMost(WAIT).untilAsserted(() -> state(tool).body("state", is("idle")));
        assertTrue(!Instant.now().isBefore(until));
        List<String> shown = statuses(tool);
        assertEquals(List.of("in_use", "delayed_logoff", "idle"), shown.subList(shown.size() - 3, shown.size()));
    }

    @Test
    void aUsageDeletedByAnAdminLeavesTheToolIdle() throws Exception {
        long kai = nemo.user("kai", "Kai", "Berg", false);
        long tool = nemo.tool("Wire saw", null);
        long usage = inUse(tool, kai);
        nemo.update("delete from \"NEMO_usageevent\" where id = ?", usage);
        await().atMost(WAIT).untilAsserted(() -> state(tool).body("state", is("idle")));
        JsonObject ended = events(tool).get(2);
        assertEquals("tool_disabled", ended.getString("event"));
        assertEquals(usage, ended.getLong("usage_id"));
    }

    @Test
    void aRenamedUserIsNamedByTheNextEvents() throws Exception {
        long lee = nemo.user("lee", "Lee", "Hart", false);
        long tool = nemo.tool("Oven", null);
        long usage = inUse(tool, lee);
        state(tool).body("user_name", is("Lee Hart"));
        nemo.update("update \"NEMO_user\" set last_name = 'Hart-Wood' where id = ?", lee);
        nemo.endUsage(usage, Instant.now());
        await().atMost(WAIT).untilAsserted(() -> state(tool).body("state", is("idle")));
        assertEquals("Lee Hart-Wood", events(tool).get(2).getString("user_name"));
    }
}
