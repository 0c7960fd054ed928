package nemo.mqtt.emitter;

import static nemo.mqtt.emitter.EmitterApi.authorized;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonObject;

import nemo.mqtt.testing.FakeNemo;
import nemo.mqtt.testing.NemoJson;

/** Changes to the fake NEMO the poller tests share. */
final class PollerTesting {

    private PollerTesting() {}

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
}
