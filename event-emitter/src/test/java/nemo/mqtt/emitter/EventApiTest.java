package nemo.mqtt.emitter;

import static io.restassured.RestAssured.given;
import static nemo.mqtt.emitter.EmitterApi.accept;
import static nemo.mqtt.emitter.EmitterApi.entries;
import static nemo.mqtt.emitter.EmitterApi.number;
import static nemo.mqtt.emitter.EmitterApi.rejected;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithPostgresAndRedis
class EventApiTest {

    @Test
    void acceptedEventIsStoredAndAppendedToItsShardStream() {
        long toolId = 4101;
        String eventId = accept("""
                        {"event": "tool_enabled", "tool_id": 4101, "tool_name": "Woollam", "user_name": "Alice Smith",
                         "usage_id": 77, "start_time": "2026-11-25T10:32:04+01:00"}""")
                .body("tool_id", is(4101))
                .body("seq", is(1))
                .body("duplicate", is(false))
                .extract()
                .path("event_id");

        List<StreamMessage<String, String, String>> entries = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> entries(toolId),
                        list -> list.stream()
                                .anyMatch(m -> eventId.equals(m.payload().get("event_id"))));
        Map<String, String> fields = entries.stream()
                .filter(m -> eventId.equals(m.payload().get("event_id")))
                .findFirst()
                .orElseThrow()
                .payload();
        assertEquals("nemo/tools/4101/enabled", fields.get("topic"));
        assertEquals("1", fields.get("qos"));
        assertEquals("0", fields.get("retain"));
        assertEquals("4101", fields.get("tool_id"));
        assertEquals("1", fields.get("seq"));
        JsonObject payload = new JsonObject(fields.get("payload"));
        assertEquals("tool_enabled", payload.getString("event"));
        assertEquals(4101L, payload.getLong("tool_id"));
        assertEquals("Woollam", payload.getString("tool_name"));
        assertEquals("Alice Smith", payload.getString("user_name"));
        assertEquals(77L, payload.getLong("usage_id"));
        assertEquals(
                OffsetDateTime.parse("2026-11-25T10:32:04+01:00").toInstant(),
                OffsetDateTime.parse(payload.getString("start_time")).toInstant());
        assertEquals(eventId, payload.getString("event_id"));
        assertEquals(1L, payload.getLong("seq"));
        assertEquals(
                "2026-11-25T09:32:04.000+00:00", payload.getString("start_time"), "nemo.mqtt.wire.WireTime's form");
        assertEquals(
                true,
                payload.getString("timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+00:00"),
                payload.getString("timestamp"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> number("select count(*) from outbox where tool_id = $1 and sent_at is null", toolId) == 0);
    }

    @Test
    void eachToolGetsItsOwnIncreasingSeq() {
        long tool = 4201;
        assertEquals(1, (int) post(tool, "tool_enabled").path("seq"));
        assertEquals(2, (int) post(tool, "tool_disabled").path("seq"));
        assertEquals(1, (int) post(4202, "tool_enabled").path("seq"));
        assertEquals(3, (int) post(tool, "tool_enabled").path("seq"));
    }

    @Test
    void retryWithTheSameEventIdStoresNothingNew() {
        String eventId = UUID.randomUUID().toString();
        String body = "{\"event\": \"tool_enabled\", \"tool_id\": 4301, \"event_id\": \"" + eventId + "\"}";
        accept(body).body("seq", is(1)).body("duplicate", is(false));
        long outboxRows = number("select count(*) from outbox where tool_id = $1", 4301);
        accept(body).body("event_id", equalTo(eventId)).body("seq", is(1)).body("duplicate", is(true));
        assertEquals(1, number("select count(*) from tool_event where tool_id = $1", 4301));
        assertEquals(outboxRows, number("select count(*) from outbox where tool_id = $1", 4301));
    }

    @Test
    void missingToolIdIsRefusedNamingTheField() {
        long before = totalRows();
        rejected("{\"event\": \"tool_enabled\", \"tool_name\": \"x\"}")
                .body("status", is(400))
                .body("errors.field", hasItem("tool_id"));
        assertEquals(before, totalRows());
    }

    @Test
    void nonPositiveToolIdIsRefused() {
        rejected("{\"event\": \"tool_enabled\", \"tool_id\": 0}").body("errors.field", hasItem("tool_id"));
    }

    @Test
    void malformedJsonIsRefused() {
        long before = totalRows();
        rejected("{\"event\": \"tool_enabled\", \"tool_id\": ").body("errors.field", hasItem("body"));
        assertEquals(before, totalRows());
    }

    @Test
    void unknownEventTypeAndBadTimestampAreRefusedNamingTheField() {
        rejected("{\"event\": \"tool_exploded\", \"tool_id\": 5}").body("errors.field", hasItem("event"));
        rejected("{\"event\": \"tool_enabled\", \"tool_id\": 5, \"start_time\": \"yesterday\"}")
                .body("errors.field", hasItem("start_time"));
    }

    @Test
    void requestsWithoutAValidTokenAreRefusedAndWriteNothing() {
        long before = totalRows();
        String body = "{\"event\": \"tool_enabled\", \"tool_id\": 4401}";
        given().contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v1/events")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        given().auth()
                .oauth2("not-a-token")
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v1/events")
                .then()
                .statusCode(401);
        assertEquals(before, totalRows());
        given().auth()
                .oauth2("other-token-5678")
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/v1/events")
                .then()
                .statusCode(202);
    }

    private ExtractableResponse<Response> post(long toolId, String event) {
        return accept("{\"event\": \"" + event + "\", \"tool_id\": " + toolId + "}")
                .extract();
    }

    private long totalRows() {
        return number("select (select count(*) from tool_event) + (select count(*) from outbox)");
    }
}
