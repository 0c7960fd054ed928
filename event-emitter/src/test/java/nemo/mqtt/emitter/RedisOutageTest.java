package nemo.mqtt.emitter;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import nemo.mqtt.emitter.event.Shards;
import nemo.mqtt.testing.PostgresTestResource;

/** Redis goes away: events are still accepted, wait in PostgreSQL, and reach the stream once each when it returns. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KillableRedisResource.class, restrictToAnnotatedClass = true)
class RedisOutageTest {

    private static final String TOKEN = "test-token-1234";

    @Inject
    Pool db;

    @Inject
    RedisDataSource redis;

    @Inject
    Shards shards;

    @Test
    void eventsAcceptedWhileRedisIsDownAreRelayedOnceItReturns() {
        long tool = 6101;
        KillableRedisResource.redis.kill();
        for (int i = 0; i < 20; i++) {
            given().auth().oauth2(TOKEN).contentType(ContentType.JSON)
                    .body("{\"event\":\"" + (i % 2 == 0 ? "tool_enabled" : "tool_disabled") + "\",\"tool_id\":" + tool + "}")
                    .post("/api/v1/events").then().statusCode(202);
        }
        long rows = count("select count(*) from outbox where tool_id = $1", tool);
        assertEquals(40, rows, "each event and the status it changed");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200).body("status", is("UP")).body(containsString("Redis unreachable")));
        assertEquals(rows, count("select count(*) from outbox where tool_id = $1 and sent_at is null", tool));

        KillableRedisResource.redis.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> count("select count(*) from outbox where sent_at is null") == 0);
        assertNoDuplicates(entries(tool), rows);
        given().get("/q/health/ready").then().statusCode(200).body(org.hamcrest.Matchers.not(containsString("Redis unreachable")));
    }

    @Test
    void rowsAppendedButNotMarkedSentAreNotAppendedTwice() {
        long tool = 6201;
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(TOKEN).contentType(ContentType.JSON)
                    .body("{\"event\":\"tool_enabled\",\"tool_id\":" + tool + ",\"user_name\":\"U" + i + "\"}")
                    .post("/api/v1/events").then().statusCode(202);
        }
        long rows = count("select count(*) from outbox where tool_id = $1", tool);
        await().atMost(Duration.ofSeconds(10)).until(() -> entries(tool).size() == rows);
        // As if the emitter died after XADD and before its commit: the rows look unsent again.
        db.preparedQuery("update outbox set sent_at = null where tool_id = $1").execute(Tuple.of(tool))
                .await().atMost(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from outbox where sent_at is null") == 0);
        assertNoDuplicates(entries(tool), rows);
    }

    private static void assertNoDuplicates(List<StreamMessage<String, String, String>> entries, long expected) {
        Set<String> identities = new HashSet<>();
        entries.forEach(m -> identities.add(m.payload().get("event_id") + " " + m.payload().get("topic")));
        assertEquals(expected, entries.size(), "one stream entry per outbox row");
        assertEquals(expected, identities.size(), "no entry twice");
    }

    private List<StreamMessage<String, String, String>> entries(long tool) {
        return redis.stream(String.class).xrange(shards.streamKey(tool), StreamRange.of("-", "+")).stream()
                .filter(m -> String.valueOf(tool).equals(m.payload().get("tool_id"))).toList();
    }

    private long count(String sql, Object... args) {
        return db.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}
