package nemo.mqtt.emitter.republish;

import static io.restassured.RestAssured.given;
import static nemo.mqtt.emitter.EmitterApi.accept;
import static nemo.mqtt.emitter.EmitterApi.authorized;
import static nemo.mqtt.emitter.EmitterApi.number;
import static nemo.mqtt.emitter.republish.ToolEntries.byTopic;
import static nemo.mqtt.emitter.republish.ToolEntries.entries;
import static nemo.mqtt.emitter.republish.ToolEntries.lastId;
import static nemo.mqtt.emitter.republish.ToolEntries.verified;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import nemo.mqtt.emitter.WithPostgresAndRedis;
import nemo.mqtt.wire.Republish;

/**
 * Retained state heals: on a request in Redis (a bridge that connected without a session, the
 * monitor's button), on the API, and at a start whose form (here: the signing key) changed, every
 * tool's status, display and next go to the stream again, as they are now, with the tool's current seq.
 */
@QuarkusTest
@TestProfile(RepublishTest.Healing.class)
@WithPostgresAndRedis
class RepublishTest {

    private static final String KEY = "heal-key-2";

    /** Signed, on streams of its own, so other tests' streams see none of these republishes. */
    public static class Healing implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "nemo.emitter.signing.key",
                    KEY,
                    "nemo.streams.key-prefix",
                    "heal:events",
                    "nemo.emitter.display.time-zone",
                    "Europe/Berlin");
        }
    }

    @Inject
    RedisDataSource redis;

    @Inject
    Pool db;

    @Inject
    FormChangeCheck formCheck;

    @Test
    void aRequestInRedisRepublishesTheCurrentRetainedMessagesWithTheCurrentSeq() throws Exception {
        long tool = 9101;
        accept("{\"event\":\"tool_enabled\",\"tool_id\":9101,\"tool_name\":\"SEM\",\"user_name\":\"Jürgen Müller\"}");
        accept(
                "{\"event\":\"reservation_created\",\"tool_id\":9101,\"reservation_id\":9111,\"user_name\":\"Bob Jones\","
                        + "\"start_time\":\"2999-01-01T09:30:00Z\",\"end_time\":\"2999-01-01T10:30:00Z\"}");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> byTopic(entries(tool, "0-0"), "next").size() == 1);
        String before = lastId(tool);

        // The broker lost its retained messages (a fresh Mosquitto): its bridge asks.
        String request = new JsonObject()
                .put("reason", Republish.BROKER_SESSION_LOST)
                .put("requested_by", "mqtt-bridge-7f9c")
                .put("requested_at", "2026-11-30T09:03:44.240+00:00")
                .encode();
        redis.value(String.class).set(Republish.key("heal:events"), request);

        List<StreamMessage<String, String, String>> again =
                await().atMost(Duration.ofSeconds(10)).until(() -> entries(tool, before), l -> l.size() == 3);
        assertEquals(
                Set.of("nemo/tools/9101/status", "nemo/tools/9101/display", "nemo/tools/9101/next"),
                again.stream().map(m -> m.payload().get("topic")).collect(Collectors.toSet()));
        for (StreamMessage<String, String, String> m : again) {
            assertEquals("2", m.payload().get("seq"), "the tool's current seq, not a new one: " + m.payload());
            assertEquals("1", m.payload().get("retain"));
        }
        JsonObject status = verified(byTopic(again, "status").get(0), KEY);
        assertEquals(2L, status.getLong("seq"));
        assertEquals("in_use", status.getString("state"));
        assertEquals(9111L, status.getJsonObject("next_reservation").getLong("reservation_id"));
        assertEquals(2L, verified(byTopic(again, "next").get(0), KEY).getLong("seq"));
        JsonObject display =
                new JsonObject(byTopic(again, "display").get(0).payload().get("payload"));
        assertEquals(2L, display.getLong("seq"));
        assertEquals("J. Muller", display.getString("u"));
        assertEquals("10:30 B. Jones", display.getString("n"), "local time of the configured zone");

        assertNull(redis.value(String.class).get(Republish.key("heal:events")), "taken: served once");
        assertEquals(2L, lastSeq(tool), "a republish uses no seq");
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("nemo_republish_total{reason=\"broker_session_lost\"}"));
    }

    @Test
    void everyStatusGoesOutWithItsDisplayFormSameSeqSameEvent() {
        long tool = 9401;
        accept("{\"event\":\"tool_enabled\",\"tool_id\":9401,\"user_name\":\"山田 太郎\"}");
        accept(
                "{\"event\":\"tool_non_operational\",\"tool_id\":9401,\"note\":\"Vacuum leak\\u001b[2J\\n\\uD83D\\uDE00 call 1234\"}");
        List<StreamMessage<String, String, String>> entries = await().atMost(Duration.ofSeconds(10))
                .until(() -> entries(tool, "0-0"), l -> byTopic(l, "display").size() == 2);
        List<StreamMessage<String, String, String>> statuses = byTopic(entries, "status");
        List<StreamMessage<String, String, String>> displays = byTopic(entries, "display");
        assertEquals(2, statuses.size());
        for (int i = 0; i < 2; i++) {
            Map<String, String> display = displays.get(i).payload();
            assertEquals(statuses.get(i).payload().get("seq"), display.get("seq"));
            assertEquals(
                    statuses.get(i).payload().get("event_id"), display.get("event_id"), "written by the same event");
            assertEquals("1", display.get("retain"));
            assertTrue(display.get("topic").length() + display.get("payload").length() <= 200);
        }
        JsonObject shutdown = new JsonObject(displays.get(1).payload().get("payload"));
        assertEquals("shutdown", shutdown.getString("s"));
        assertEquals("Vacuum leak [2J call 1234", shutdown.getString("m"), "one line of printable ASCII");
        assertTrue(shutdown.getString("u").matches("[A-Z]\\. [A-Z][a-z]+"), shutdown.getString("u"));
    }

    @Test
    void theApiQueuesEveryToolAndAnswersHowMany() throws Exception {
        long tool = 9201;
        accept("{\"event\":\"tool_enabled\",\"tool_id\":9201,\"user_name\":\"Alice Smith\"}");
        accept("{\"event\":\"tool_disabled\",\"tool_id\":9201}");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> byTopic(entries(tool, "0-0"), "status").size() == 2);
        String before = lastId(tool);

        given().post("/api/v1/tools/republish").then().statusCode(401).contentType("application/problem+json");
        authorized()
                .post("/api/v1/tools/republish")
                .then()
                .statusCode(202)
                .body("tools", greaterThanOrEqualTo(1))
                .body("reason", is("api_request"));
        List<StreamMessage<String, String, String>> again =
                await().atMost(Duration.ofSeconds(10)).until(() -> entries(tool, before), l -> l.size() == 3);
        again.forEach(m -> assertEquals("2", m.payload().get("seq")));
        assertEquals("idle", verified(byTopic(again, "status").get(0), KEY).getString("state"));
        given().get("/q/openapi?format=json").then().statusCode(200).body(containsString("/api/v1/tools/republish"));
    }

    /** The case of a signing key set after events were published unsigned: the start finds another form. */
    @Test
    void aChangedSigningKeyRepublishesEverythingSignedOnceAcrossReplicas() throws Throwable {
        String current = FormFingerprint.of(Optional.of(KEY), "nemo", java.time.ZoneId.of("Europe/Berlin"));
        assertEquals(current, storedFingerprint(), "this start stored the form it publishes in");

        long tool = 9301;
        accept("{\"event\":\"tool_enabled\",\"tool_id\":9301,\"user_name\":\"Dee\"}");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> byTopic(entries(tool, "0-0"), "status").size() == 1);
        String before = lastId(tool);
        // As if the last full publish had been without a key.
        db.preparedQuery("update emitter_form set fingerprint = $1")
                .execute(Tuple.of(FormFingerprint.of(Optional.empty(), "nemo", java.time.ZoneId.of("Europe/Berlin"))))
                .await()
                .indefinitely();

        // two replicas starting together: one republishes, the other then finds the new form
        List<CompletableFuture<Boolean>> replicas = List.of(checkInBackground(), checkInBackground());
        List<Boolean> republished =
                replicas.stream().map(CompletableFuture::join).toList();
        assertEquals(1, republished.stream().filter(r -> r).count(), "exactly one republished: " + republished);
        assertEquals(current, storedFingerprint());

        List<StreamMessage<String, String, String>> again =
                await().atMost(Duration.ofSeconds(10)).until(() -> entries(tool, before), l -> l.size() == 3);
        JsonObject status = verified(byTopic(again, "status").get(0), KEY);
        assertEquals(1L, status.getLong("seq"));
        assertEquals("Dee", status.getString("user_name"));
        assertFalse(VertxContextSupport.subscribeAndAwait(() -> formCheck.check()), "same form: nothing to do");
    }

    /** A check on a Vert.x context (and so a database connection) of its own, as another replica's. */
    private CompletableFuture<Boolean> checkInBackground() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return VertxContextSupport.subscribeAndAwait(() -> formCheck.check());
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private long lastSeq(long tool) {
        return number("select last_seq from tool_state where tool_id = $1", tool);
    }

    private String storedFingerprint() {
        return db.preparedQuery("select fingerprint from emitter_form")
                .execute()
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getString(0);
    }
}
