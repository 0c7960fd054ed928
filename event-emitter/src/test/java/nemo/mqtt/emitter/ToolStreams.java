package nemo.mqtt.emitter;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.restassured.http.ContentType;

import nemo.mqtt.emitter.event.Shards;

/** What the Redis tests of the emitter do with one tool: post its events and read its stream entries. */
final class ToolStreams {

    private ToolStreams() {}

    /** POSTs a {@code tool_enabled} of {@code tool} by user {@code user} with the test token; expects 202. */
    static void postEnabled(long tool, String user) {
        given().auth()
                .oauth2("test-token-1234")
                .contentType(ContentType.JSON)
                .body("{\"event\":\"tool_enabled\",\"tool_id\":" + tool + ",\"user_name\":\"" + user + "\"}")
                .post("/api/v1/events")
                .then()
                .statusCode(202);
    }

    /** The entries of {@code tool} in its shard stream, in stream order. */
    static List<StreamMessage<String, String, String>> entries(RedisDataSource redis, Shards shards, long tool) {
        return redis.stream(String.class).xrange(shards.streamKey(tool), StreamRange.of("-", "+")).stream()
                .filter(m -> String.valueOf(tool).equals(m.payload().get("tool_id")))
                .toList();
    }

    /** Each outbox row once: {@code expected} entries, no event and topic twice. */
    static void assertOncePerRow(List<StreamMessage<String, String, String>> entries, long expected) {
        Set<String> identities = new HashSet<>();
        entries.forEach(m ->
                identities.add(m.payload().get("event_id") + " " + m.payload().get("topic")));
        assertEquals(expected, entries.size(), "one stream entry per outbox row");
        assertEquals(expected, identities.size(), "no entry twice");
    }
}
