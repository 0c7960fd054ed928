package nemo.mqtt.emitter;

import static io.restassured.RestAssured.given;
import static nemo.mqtt.emitter.EmitterApi.authorized;
import static nemo.mqtt.emitter.EmitterApi.state;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import nemo.mqtt.testing.FakeNemo;
import nemo.mqtt.testing.NemoJson;

/** Changes to the fake NEMO and look-ups of what the emitter made of them, shared by the poller tests. */
final class PollerTesting {

    /** How long a poller test waits for the emitter to catch up with NEMO. */
    static final Duration WAIT = Duration.ofSeconds(60);

    private PollerTesting() {}

    /** Adds tool {@code tool} named {@code name} to NEMO and waits until the emitter shows it, idle. */
    static void idleTool(long tool, String name) {
        FakeNemo.toolList.add(NemoJson.tool(tool, name, null));
        await().atMost(WAIT)
                .untilAsserted(() -> state(tool).body("state", is("idle")).body("tool_name", is(name)));
    }

    /**
     * Adds tool {@code tool} named {@code name} and its running usage {@code usage} by {@code first}
     * {@code last} since {@code start} to NEMO, and waits until the emitter shows that usage.
     */
    static void toolInUse(long tool, String name, long usage, String first, String last, Instant start) {
        FakeNemo.toolList.add(NemoJson.tool(tool, name, null));
        FakeNemo.usages.add(NemoJson.usage(usage, tool, first, last, start, null));
        await().atMost(WAIT)
                .untilAsserted(() -> state(tool).body("state", is("in_use")).body("usage_id", is((int) usage)));
    }

    /** Ends usage {@code usageId} at {@code at} (in the future: a delayed logoff), as NEMO's disable does. */
    static void end(long usageId, Instant at) {
        FakeNemo.update(
                FakeNemo.usages,
                usageId,
                u -> u.put("end", NemoJson.nemoTime(at)).put("has_ended", usageId));
    }

    /** The payloads of the emitter's stored events matching {@code query} (GET /api/v1/events, up to 1000), oldest first. */
    static List<JsonObject> events(Map<String, ?> query) {
        return authorized()
                .queryParams(query)
                .queryParam("limit", 1000)
                .get("/api/v1/events")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .<Map<String, Object>>getList("items")
                .stream()
                .map(item -> new JsonObject((Map<String, Object>) item.get("payload")))
                .toList();
    }

    /** The value of the emitter's metric {@code name} (without labels) on /q/metrics, 0 when absent. */
    static double metric(String name) {
        return given().get("/q/metrics")
                .then()
                .extract()
                .asString()
                .lines()
                .filter(l -> l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst()
                .orElse(0);
    }

    /** Waits until NEMO got {@code n} more requests containing {@code fragment}: {@code n} poll cycles went by. */
    static void cycles(String fragment, int n) {
        long before =
                FakeNemo.requests.stream().filter(r -> r.contains(fragment)).count();
        await().atMost(WAIT)
                .until(() -> FakeNemo.requests.stream()
                                .filter(r -> r.contains(fragment))
                                .count()
                        >= before + n);
    }

    /** The payloads of the stored events of {@code tool}, oldest first. */
    static List<JsonObject> events(long tool) {
        return PollerTesting.events(Map.of("tool_id", tool));
    }

    /** The event names of {@code events}, in their order. */
    static List<String> names(List<JsonObject> events) {
        return events.stream().map(e -> e.getString("event")).toList();
    }

    /** The event ids of the stored events of {@code tool}, oldest first. */
    static List<String> ids(long tool) {
        return events(tool).stream().map(e -> e.getString("event_id")).toList();
    }

    /** The states of every status published for {@code tool}, in order. */
    static List<String> statuses(Pool db, long tool) {
        return db
                .preparedQuery(
                        "select m.payload from outbox o, unnest(o.topics, o.payloads) with ordinality as m(topic, payload, n)"
                                + " where o.tool_id = $1 and m.topic like '%/status' order by o.id, m.n")
                .execute(Tuple.of(tool))
                .await()
                .atMost(WAIT)
                .stream()
                .map(row -> new JsonObject(row.getString(0)).getString("state"))
                .toList();
    }
}
