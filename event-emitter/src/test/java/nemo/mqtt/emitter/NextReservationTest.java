package nemo.mqtt.emitter;

import static nemo.mqtt.emitter.EmitterApi.accept;
import static nemo.mqtt.emitter.EmitterApi.authorized;
import static nemo.mqtt.emitter.EmitterApi.entries;
import static nemo.mqtt.emitter.EmitterApi.postEvents;
import static nemo.mqtt.emitter.EmitterApi.retained;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Reservations: their own topic, and a tool's next one in its retained next message and its status. */
@QuarkusTest
@WithPostgresAndRedis
class NextReservationTest {

    @Test
    void aCancelledReservationIsNotRevivedByALateCreate() {
        accept("{\"event\":\"reservation_cancelled\",\"tool_id\":5961,\"reservation_id\":961}");
        accept("{\"event\":\"reservation_created\",\"tool_id\":5961,\"reservation_id\":961,\"user_name\":\"Bob\","
                + "\"start_time\":\"2999-06-01T09:00:00Z\"}");
        authorized().get("/api/v1/tools/5961").then().statusCode(200).body("next_reservation", nullValue());
    }

    @Test
    void reservationsArePublishedOnTheirOwnTopicAndNeedAnId() {
        postEvents("{\"event\":\"reservation_created\",\"tool_id\":5301}")
                .statusCode(400)
                .body("errors.field", hasItem("reservation_id"));
        accept("{\"event\":\"reservation_created\",\"tool_id\":5301,\"reservation_id\":88,\"user_name\":\"Bob\","
                + "\"start_time\":\"2026-11-26T09:00:00Z\",\"end_time\":\"2026-11-26T10:00:00Z\"}");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> entries(5301).stream()
                        .anyMatch(m -> "nemo/reservations/88".equals(m.payload().get("topic"))));
    }

    @Test
    void theNextReservationIsPublishedRetainedAndFollowsChangesAndCancellations() {
        long tool = 5601;
        accept("{\"event\":\"reservation_created\",\"tool_id\":5601,\"reservation_id\":701,\"user_name\":\"Late\","
                + "\"start_time\":\"2999-02-01T09:00:00Z\",\"end_time\":\"2999-02-01T10:00:00Z\"}");
        accept("{\"event\":\"reservation_created\",\"tool_id\":5601,\"reservation_id\":702,\"user_name\":\"Early\","
                + "\"start_time\":\"2999-01-01T09:00:00Z\",\"end_time\":\"2999-01-01T10:00:00Z\"}");
        authorized()
                .get("/api/v1/tools/" + tool)
                .then()
                .statusCode(200)
                .body("next_reservation.reservation_id", is(702))
                .body("next_reservation.user_name", is("Early"));
        accept("{\"event\":\"reservation_cancelled\",\"tool_id\":5601,\"reservation_id\":702}");
        accept("{\"event\":\"reservation_cancelled\",\"tool_id\":5601,\"reservation_id\":701}");

        List<JsonObject> next =
                await().atMost(Duration.ofSeconds(10)).until(() -> retained(tool, "next"), l -> l.size() == 4);
        assertEquals(
                Arrays.asList(701L, 702L, 701L, null),
                next.stream().map(n -> n.getLong("reservation_id")).toList());
        assertEquals("tool_next_reservation", next.get(3).getString("event"));
    }

    @Test
    void theStatusCarriesTheNextReservationAndIsRepublishedWhenItChanges() {
        long tool = 5901;
        accept("{\"event\":\"tool_enabled\",\"tool_id\":5901,\"user_name\":\"Alice Smith\"}");
        accept("{\"event\":\"reservation_created\",\"tool_id\":5901,\"reservation_id\":901,\"user_name\":\"Bob Jones\","
                + "\"start_time\":\"2999-04-01T09:00:00Z\",\"end_time\":\"2999-04-01T10:30:00Z\"}");
        // a reservation after the next one changes nothing a display shows: no status for it
        accept("{\"event\":\"reservation_created\",\"tool_id\":5901,\"reservation_id\":902,\"user_name\":\"Later\","
                + "\"start_time\":\"2999-05-01T09:00:00Z\"}");
        accept("{\"event\":\"reservation_cancelled\",\"tool_id\":5901,\"reservation_id\":901}");
        accept("{\"event\":\"reservation_cancelled\",\"tool_id\":5901,\"reservation_id\":902}");

        List<JsonObject> statuses =
                await().atMost(Duration.ofSeconds(10)).until(() -> retained(tool, "status"), l -> l.size() == 4);
        assertTrue(statuses.get(0).containsKey("next_reservation"), "present, null, when the tool has none");
        assertEquals(
                Arrays.asList(null, 901L, 902L, null),
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
        List<JsonObject> nextMessages = retained(tool, "next");
        assertEquals(
                statuses.subList(1, 4).stream().map(s -> s.getLong("seq")).toList(),
                nextMessages.stream().map(n -> n.getLong("seq")).toList());
        assertTrue(statuses.get(1).getLong("seq") > statuses.get(0).getLong("seq"), "seq keeps increasing");
    }

    @Test
    void whenTheNextReservationBeginsTheNextOneTakesItsPlace() {
        long tool = 5801;
        OffsetDateTime soon = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3);
        accept("{\"event\":\"reservation_created\",\"tool_id\":5801,\"reservation_id\":801,\"user_name\":\"Soon\","
                + "\"start_time\":\"" + soon + "\",\"end_time\":\"" + soon.plusHours(1) + "\"}");
        accept("{\"event\":\"reservation_created\",\"tool_id\":5801,\"reservation_id\":802,\"user_name\":\"Later\","
                + "\"start_time\":\"2999-03-01T09:00:00Z\",\"end_time\":\"2999-03-01T10:00:00Z\"}");
        authorized().get("/api/v1/tools/" + tool).then().body("next_reservation.reservation_id", is(801));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> authorized()
                        .get("/api/v1/tools/" + tool)
                        .then()
                        .body("next_reservation.reservation_id", is(802)));
        List<JsonObject> next =
                await().atMost(Duration.ofSeconds(10)).until(() -> retained(tool, "next"), l -> l.size() == 2);
        assertEquals(
                List.of(801L, 802L),
                next.stream().map(n -> n.getLong("reservation_id")).toList());
        assertTrue(next.get(1).getLong("seq") > next.get(0).getLong("seq"), "seq keeps increasing");
        // the status shows it too, republished with the same seq
        JsonObject status = await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> retained(tool, "status"),
                        l -> l.get(l.size() - 1)
                                .getLong("seq")
                                .equals(next.get(1).getLong("seq")))
                .stream()
                .reduce((a, b) -> b)
                .orElseThrow();
        assertEquals(802L, status.getJsonObject("next_reservation").getLong("reservation_id"));
    }
}
