package nemo.mqtt.emitter;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import nemo.mqtt.emitter.event.Shards;

/**
 * What the emitter's Quarkus tests do with the running application: call its API with the test
 * token, read a tool's entries in its shard stream, and read one number from its database. The
 * stores are the application's own beans, looked up when called.
 */
public final class EmitterApi {

    /** The API token of the test profile ({@code %test.nemo.emitter.api-tokens.test}). */
    public static final String TOKEN = "test-token-1234";

    private static final Duration WAIT = Duration.ofSeconds(30);

    private EmitterApi() {}

    /** A request that carries the test token. */
    public static RequestSpecification authorized() {
        return given().auth().oauth2(TOKEN);
    }

    /** POSTs {@code body} (JSON: one event or an array) to /api/v1/events; answers the response to check. */
    public static ValidatableResponse postEvents(String body) {
        return authorized()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/events")
                .then();
    }

    /** POSTs {@code body} as {@link #postEvents} and expects 202 (accepted). */
    public static ValidatableResponse accept(String body) {
        return postEvents(body).statusCode(202);
    }

    /** POSTs {@code body} as {@link #postEvents} and expects it refused: 400 with a problem+json body. */
    public static ValidatableResponse rejected(String body) {
        return postEvents(body).statusCode(400).contentType("application/problem+json");
    }

    /** POSTs a {@code tool_enabled} of {@code tool} by user {@code user}; expects 202. */
    public static void postEnabled(long tool, String user) {
        accept("{\"event\":\"tool_enabled\",\"tool_id\":" + tool + ",\"user_name\":\"" + user + "\"}");
    }

    /** The emitter's current state of {@code tool} (GET /api/v1/tools/{id}, answered 200). */
    public static ValidatableResponse state(long tool) {
        return authorized().get("/api/v1/tools/" + tool).then().statusCode(200);
    }

    /** The first column of the first row {@code sql} answers with {@code args} as $1, $2, ... (a count, a seq). */
    public static long number(String sql, Object... args) {
        return Arc.container()
                .instance(Pool.class)
                .get()
                .preparedQuery(sql)
                .execute(Tuple.from(args))
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0);
    }

    /** The entries of {@code tool} in its shard stream, in stream order. */
    public static List<StreamMessage<String, String, String>> entries(long tool) {
        return entries(tool, StreamRange.of("-", "+"));
    }

    /** The entries of {@code tool} in {@code range} of its shard stream, in stream order. */
    public static List<StreamMessage<String, String, String>> entries(long tool, StreamRange range) {
        String stream = Arc.container().instance(Shards.class).get().streamKey(tool);
        return Arc.container().instance(RedisDataSource.class).get().stream(String.class).xrange(stream, range).stream()
                .filter(m -> String.valueOf(tool).equals(m.payload().get("tool_id")))
                .toList();
    }

    /**
     * The payloads of the retained messages {@code tool} published on nemo/tools/{tool}/{@code subtopic}
     * (status, next, ...), in stream order; fails if one of them is not retained.
     */
    public static List<JsonObject> retained(long tool, String subtopic) {
        return entries(tool).stream()
                .filter(m -> m.payload().get("topic").equals("nemo/tools/" + tool + "/" + subtopic))
                .peek(m -> assertEquals("1", m.payload().get("retain"), subtopic + " is retained"))
                .map(m -> new JsonObject(m.payload().get("payload")))
                .toList();
    }

    /** Each outbox message once: {@code expected} entries, no event and topic twice. */
    public static void assertOncePerMessage(List<StreamMessage<String, String, String>> entries, long expected) {
        Set<String> identities = new HashSet<>();
        entries.forEach(m ->
                identities.add(m.payload().get("event_id") + " " + m.payload().get("topic")));
        assertEquals(expected, entries.size(), "one stream entry per outbox message");
        assertEquals(expected, identities.size(), "no entry twice");
    }
}
