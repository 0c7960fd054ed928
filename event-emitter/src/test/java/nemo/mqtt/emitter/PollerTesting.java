package nemo.mqtt.emitter;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.restassured.response.ValidatableResponse;
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

    /** The emitter's current state of {@code tool} (GET /api/v1/tools/{id}, answered 200). */
    static ValidatableResponse state(long tool) {
        return given().auth()
                .oauth2("test-token-1234")
                .get("/api/v1/tools/" + tool)
                .then()
                .statusCode(200);
    }

    /** The payloads of the emitter's stored events matching {@code query} (GET /api/v1/events, up to 1000), oldest first. */
    static List<JsonObject> events(Map<String, ?> query) {
        return given()
                .auth()
                .oauth2("test-token-1234")
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
