package nemo.mqtt.emitter;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import nemo.mqtt.emitter.event.Shards;
import nemo.mqtt.testing.PostgresTestResource;
import nemo.mqtt.testing.RedisTestResource;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class ToolStateTest {

    private static final String TOKEN = "test-token-1234";

    @Inject
    RedisDataSource redis;

    @Inject
    Shards shards;

    @Inject
    Pool db;

    @Test
    void theRetainedStatusFollowsNemosPriority() {
        long tool = 5101;
        post(
                "{\"event\":\"tool_enabled\",\"tool_id\":5101,\"tool_name\":\"Woollam\",\"user_name\":\"Alice Smith\",\"usage_id\":9}");
        assertState(tool, "in_use").body("user_name", is("Alice Smith"));
        post("{\"event\":\"task_created\",\"tool_id\":5101,\"note\":\"Lamp flickers\"}");
        assertState(tool, "problem").body("problem", is("Lamp flickers"));
        post("{\"event\":\"tool_non_operational\",\"tool_id\":5101,\"note\":\"Vacuum leak\"}");
        assertState(tool, "shutdown");
        post("{\"event\":\"outage_started\",\"tool_id\":5101}");
        assertState(tool, "shutdown");
        post("{\"event\":\"tool_operational\",\"tool_id\":5101}");
        assertState(tool, "outage");
        post("{\"event\":\"outage_ended\",\"tool_id\":5101}");
        assertState(tool, "problem");
        post("{\"event\":\"task_resolved\",\"tool_id\":5101}");
        assertState(tool, "in_use").body("problem", nullValue());
        post(
                "{\"event\":\"tool_disabled\",\"tool_id\":5101,\"usage_id\":9,\"delayed_logoff_until\":\"2999-01-01T00:00:00Z\"}");
        assertState(tool, "delayed_logoff").body("user_name", nullValue());

        // every change of what the status shows went out as a retained status message, newest last, on
        // the tool's shard stream (the outage under the shutdown showed nothing new: no status for it)
        List<JsonObject> statuses =
                await().atMost(Duration.ofSeconds(10)).until(() -> statusMessages(tool), l -> l.size() == 7);
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
        post("{\"event\":\"tool_enabled\",\"tool_id\":5702,\"parent_tool_id\":5701,\"user_name\":\"Dee\"}");
        assertState(5701, "in_use").body("user_name", is("Dee"));
        given().auth().oauth2(TOKEN).get("/api/v1/tools/5702").then().statusCode(404);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> entries(5701).stream()
                        .anyMatch(m -> m.payload().get("topic").equals("nemo/tools/5701/enabled")
                                && new JsonObject(m.payload().get("payload")).getLong("child_tool_id") == 5702L));
    }

    @Test
    void anEndWithoutAStartIsKeptAsAWarning() {
        post("{\"event\":\"tool_disabled\",\"tool_id\":5201}");
        assertState(5201, "idle").body("warning", is("tool_disabled received while no usage was running"));
    }

    @Test
    void aLateStartOfAnEndedUsageIsPublishedButChangesNoState() {
        long tool = 5951;
        post("{\"event\":\"tool_disabled\",\"tool_id\":5951,\"usage_id\":72001,\"user_name\":\"Alice\","
                + "\"start_time\":\"2026-11-30T08:00:00Z\",\"end_time\":\"2026-11-30T08:45:00Z\"}");
        assertState(tool, "idle").body("since", is("2026-11-30T08:45:00.000+00:00"));
        post("{\"event\":\"tool_enabled\",\"tool_id\":5951,\"usage_id\":72001,\"user_name\":\"Alice\","
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
        assertTrue(statusMessages(tool).stream().noneMatch(s -> "in_use".equals(s.getString("state"))));
    }

    @Test
    void aCancelledReservationIsNotRevivedByALateCreate() {
        post("{\"event\":\"reservation_cancelled\",\"tool_id\":5961,\"reservation_id\":961}");
        post("{\"event\":\"reservation_created\",\"tool_id\":5961,\"reservation_id\":961,\"user_name\":\"Bob\","
                + "\"start_time\":\"2999-06-01T09:00:00Z\"}");
        given().auth()
                .oauth2(TOKEN)
                .get("/api/v1/tools/5961")
                .then()
                .statusCode(200)
                .body("next_reservation", nullValue());
    }

    @Test
    void reservationsArePublishedOnTheirOwnTopicAndNeedAnId() {
        given().auth()
                .oauth2(TOKEN)
                .contentType(ContentType.JSON)
                .body("{\"event\":\"reservation_created\",\"tool_id\":5301}")
                .post("/api/v1/events")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("reservation_id"));
        post("{\"event\":\"reservation_created\",\"tool_id\":5301,\"reservation_id\":88,\"user_name\":\"Bob\","
                + "\"start_time\":\"2026-11-26T09:00:00Z\",\"end_time\":\"2026-11-26T10:00:00Z\"}");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> entries(5301).stream()
                        .anyMatch(m -> "nemo/reservations/88".equals(m.payload().get("topic"))));
    }

    @Test
    void theNextReservationIsPublishedRetainedAndFollowsChangesAndCancellations() {
        long tool = 5601;
        post("{\"event\":\"reservation_created\",\"tool_id\":5601,\"reservation_id\":701,\"user_name\":\"Late\","
                + "\"start_time\":\"2999-02-01T09:00:00Z\",\"end_time\":\"2999-02-01T10:00:00Z\"}");
        post("{\"event\":\"reservation_created\",\"tool_id\":5601,\"reservation_id\":702,\"user_name\":\"Early\","
                + "\"start_time\":\"2999-01-01T09:00:00Z\",\"end_time\":\"2999-01-01T10:00:00Z\"}");
        given().auth()
                .oauth2(TOKEN)
                .get("/api/v1/tools/" + tool)
                .then()
                .statusCode(200)
                .body("next_reservation.reservation_id", is(702))
                .body("next_reservation.user_name", is("Early"));
        post("{\"event\":\"reservation_cancelled\",\"tool_id\":5601,\"reservation_id\":702}");
        post("{\"event\":\"reservation_cancelled\",\"tool_id\":5601,\"reservation_id\":701}");

        List<JsonObject> next = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> entries(tool).stream()
                                .filter(m -> m.payload().get("topic").equals("nemo/tools/" + tool + "/next"))
                                .peek(m -> assertEquals("1", m.payload().get("retain")))
                                .map(m -> new JsonObject(m.payload().get("payload")))
                                .toList(),
                        l -> l.size() == 4);
        assertEquals(
                java.util.Arrays.asList(701L, 702L, 701L, null),
                next.stream().map(n -> n.getLong("reservation_id")).toList());
        assertEquals("tool_next_reservation", next.get(3).getString("event"));
    }

    @Test
    void theStatusCarriesTheNextReservationAndIsRepublishedWhenItChanges() {
        long tool = 5901;
        post("{\"event\":\"tool_enabled\",\"tool_id\":5901,\"user_name\":\"Alice Smith\"}");
        post("{\"event\":\"reservation_created\",\"tool_id\":5901,\"reservation_id\":901,\"user_name\":\"Bob Jones\","
                + "\"start_time\":\"2999-04-01T09:00:00Z\",\"end_time\":\"2999-04-01T10:30:00Z\"}");
        // a reservation after the next one changes nothing a display shows: no status for it
        post("{\"event\":\"reservation_created\",\"tool_id\":5901,\"reservation_id\":902,\"user_name\":\"Later\","
                + "\"start_time\":\"2999-05-01T09:00:00Z\"}");
        post("{\"event\":\"reservation_cancelled\",\"tool_id\":5901,\"reservation_id\":901}");
        post("{\"event\":\"reservation_cancelled\",\"tool_id\":5901,\"reservation_id\":902}");

        List<JsonObject> statuses =
                await().atMost(Duration.ofSeconds(10)).until(() -> statusMessages(tool), l -> l.size() == 4);
        assertTrue(statuses.get(0).containsKey("next_reservation"), "present, null, when the tool has none");
        assertEquals(
                java.util.Arrays.asList(null, 901L, 902L, null),
                statuses.stream()
                        .map(s -> s.getJsonObject("next_reservation"))
                        .map(n -> n == null ? null : n.getLong("reservation_id"))
                        .toList());
        JsonObject next = statuses.get(1).getJsonObject("next_reservation");
        assertEquals("Bob Jones", next.getString("user_name"));
        assertEquals("2999-04-01T09:00:00.000+00:00", next.getString("start_time"));
        assertEquals("2999-04-01T10:30:00.000+00:00", next.getString("end_time"));
        assertEquals("in_use", statuses.get(1).getString("state"), "the rest of the status is kept");

        // each status goes out with the next message on the tool's next topic, same cause, same seq
        List<JsonObject> nextMessages = entries(tool).stream()
                .filter(m -> m.payload().get("topic").equals("nemo/tools/" + tool + "/next"))
                .map(m -> new JsonObject(m.payload().get("payload")))
                .toList();
        assertEquals(
                statuses.subList(1, 4).stream().map(s -> s.getLong("seq")).toList(),
                nextMessages.stream().map(n -> n.getLong("seq")).toList());
        assertTrue(statuses.get(1).getLong("seq") > statuses.get(0).getLong("seq"), "seq keeps increasing");
    }

    @Test
    void whenTheNextReservationBeginsTheNextOneTakesItsPlace() {
        long tool = 5801;
        java.time.OffsetDateTime soon =
                java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(3);
        post("{\"event\":\"reservation_created\",\"tool_id\":5801,\"reservation_id\":801,\"user_name\":\"Soon\","
                + "\"start_time\":\"" + soon + "\",\"end_time\":\"" + soon.plusHours(1) + "\"}");
        post("{\"event\":\"reservation_created\",\"tool_id\":5801,\"reservation_id\":802,\"user_name\":\"Later\","
                + "\"start_time\":\"2999-03-01T09:00:00Z\",\"end_time\":\"2999-03-01T10:00:00Z\"}");
        given().auth()
                .oauth2(TOKEN)
                .get("/api/v1/tools/" + tool)
                .then()
                .body("next_reservation.reservation_id", is(801));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(TOKEN)
                        .get("/api/v1/tools/" + tool)
                        .then()
                        .body("next_reservation.reservation_id", is(802)));
        List<JsonObject> next = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> entries(tool).stream()
                                .filter(m -> m.payload().get("topic").equals("nemo/tools/" + tool + "/next"))
                                .map(m -> new JsonObject(m.payload().get("payload")))
                                .toList(),
                        l -> l.size() == 2);
        assertEquals(
                List.of(801L, 802L),
                next.stream().map(n -> n.getLong("reservation_id")).toList());
        assertTrue(next.get(1).getLong("seq") > next.get(0).getLong("seq"), "seq keeps increasing");
        // the status shows it too, republished with the same seq
        JsonObject status = await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> statusMessages(tool),
                        l -> l.get(l.size() - 1)
                                .getLong("seq")
                                .equals(next.get(1).getLong("seq")))
                .stream()
                .reduce((a, b) -> b)
                .orElseThrow();
        assertEquals(802L, status.getJsonObject("next_reservation").getLong("reservation_id"));
    }

    @Test
    void aBatchIsStoredWholeOrNotAtAllWithErrorsPerItem() {
        long before = count("select count(*) from tool_event where tool_id in (5401, 5402)");
        given().auth()
                .oauth2(TOKEN)
                .contentType(ContentType.JSON)
                .body("[{\"event\":\"tool_enabled\",\"tool_id\":5401},{\"event\":\"tool_enabled\"},"
                        + "{\"event\":\"tool_enabled\",\"tool_id\":5402,\"tool_name\":\"bad\\u0000name\"}]")
                .post("/api/v1/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("[1].tool_id"))
                .body("errors.field", hasItem("[2].tool_name"));
        assertEquals(before, count("select count(*) from tool_event where tool_id in (5401, 5402)"));

        given().auth()
                .oauth2(TOKEN)
                .contentType(ContentType.JSON)
                .body("[{\"event\":\"tool_enabled\",\"tool_id\":5401},{\"event\":\"tool_disabled\",\"tool_id\":5401},"
                        + "{\"event\":\"tool_enabled\",\"tool_id\":5402}]")
                .post("/api/v1/events")
                .then()
                .statusCode(202)
                .body("$", hasSize(3))
                .body("[1].seq", is(2))
                .body("[2].tool_id", is(5402));
    }

    @Test
    void historyPagesThroughAToolsEvents() {
        for (int i = 0; i < 5; i++) {
            post("{\"event\":\"" + (i % 2 == 0 ? "tool_enabled" : "tool_disabled") + "\",\"tool_id\":5501}");
        }
        var first = given().auth()
                .oauth2(TOKEN)
                .queryParam("tool_id", 5501)
                .queryParam("limit", 3)
                .get("/api/v1/events")
                .then()
                .statusCode(200)
                .body("items", hasSize(3))
                .body("items[0].seq", is(1))
                .body("items[0].payload.event", is("tool_enabled"))
                .extract();
        long next = first.jsonPath().getLong("next_after");
        given().auth()
                .oauth2(TOKEN)
                .queryParam("tool_id", 5501)
                .queryParam("after", next)
                .queryParam("limit", 3)
                .get("/api/v1/events")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("items[1].seq", is(5))
                .body("next_after", nullValue());
        given().auth().oauth2(TOKEN).get("/api/v1/tools/999999").then().statusCode(404);
        given().auth().oauth2(TOKEN).get("/api/v1/tools").then().statusCode(200).body("tool_id", hasItem(5501));
    }

    private void post(String body) {
        given().auth()
                .oauth2(TOKEN)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/events")
                .then()
                .statusCode(202);
    }

    private io.restassured.response.ValidatableResponse assertState(long tool, String state) {
        return given().auth()
                .oauth2(TOKEN)
                .get("/api/v1/tools/" + tool)
                .then()
                .statusCode(200)
                .body("state", is(state));
    }

    private List<StreamMessage<String, String, String>> entries(long tool) {
        return redis.stream(String.class).xrange(shards.streamKey(tool), StreamRange.of("-", "+")).stream()
                .filter(m -> String.valueOf(tool).equals(m.payload().get("tool_id")))
                .toList();
    }

    private List<JsonObject> statusMessages(long tool) {
        return entries(tool).stream()
                .filter(m -> m.payload().get("topic").equals("nemo/tools/" + tool + "/status"))
                .peek(m -> assertTrue("1".equals(m.payload().get("retain")), "status is retained"))
                .map(m -> new JsonObject(m.payload().get("payload")))
                .toList();
    }

    private long count(String sql) {
        return db.preparedQuery(sql)
                .execute(Tuple.tuple())
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getLong(0);
    }
}
