package nemo.mqtt.emitter;

import static io.restassured.RestAssured.given;

import java.time.Instant;

import io.restassured.response.ValidatableResponse;

/** Changes to the fake NEMO the poller tests share. */
final class PollerTesting {

    private PollerTesting() {
    }

    /** Ends usage {@code usageId} at {@code at} (in the future: a delayed logoff), as NEMO's disable does. */
    static void end(long usageId, Instant at) {
        FakeNemo.update(FakeNemo.usages, usageId, u -> u.put("end", FakeNemo.nemoTime(at)).put("has_ended", usageId));
    }

    /** The emitter's current state of {@code tool} (GET /api/v1/tools/{id}, answered 200). */
    static ValidatableResponse state(long tool) {
        return given().auth().oauth2("test-token-1234").get("/api/v1/tools/" + tool).then().statusCode(200);
    }
}
