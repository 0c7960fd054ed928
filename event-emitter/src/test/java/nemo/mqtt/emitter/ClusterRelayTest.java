package nemo.mqtt.emitter;

import static io.restassured.RestAssured.given;
import static nemo.mqtt.emitter.EmitterApi.assertOncePerRow;
import static nemo.mqtt.emitter.EmitterApi.entries;
import static nemo.mqtt.emitter.EmitterApi.number;
import static nemo.mqtt.emitter.EmitterApi.postEnabled;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import nemo.mqtt.emitter.event.Shards;
import nemo.mqtt.emitter.outbox.StreamTrimmer;
import nemo.mqtt.testing.PostgresTestResource;
import nemo.mqtt.testing.RedisCluster;
import nemo.mqtt.testing.RedisClusterTestResource;

/**
 * On a Redis Cluster (3 masters, 3 replicas) with default settings: the shard streams spread over the
 * masters, and the relay, its rollback guard and the trimmer work on them.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = RedisClusterTestResource.class, restrictToAnnotatedClass = true)
class ClusterRelayTest {

    @Inject
    RedisDataSource redis;

    @Inject
    Shards shards;

    @Inject
    StreamTrimmer trimmer;

    @Test
    void eventsOfEveryShardReachTheirStreamsOnSeveralMasters() {
        List<Long> tools = LongStream.rangeClosed(9701, 9740).boxed().toList();
        for (long tool : tools) {
            post(tool);
        }
        Set<Integer> shardsUsed = new HashSet<>();
        tools.forEach(tool -> shardsUsed.add(shards.shardOf(tool)));
        assertEquals(8, shardsUsed.size(), "the tools cover every shard");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> tools.stream().allMatch(tool -> entries(tool).size() == 3));
        assertEquals(0, number("select count(*) from outbox where tool_id between 9701 and 9740 and sent_at is null"));
        Set<Integer> masters = new HashSet<>();
        shards.streamKeys()
                .forEach(stream ->
                        masters.add(RedisCluster.shared().masterOf(stream).port()));
        assertTrue(masters.size() > 1, "the default stream keys spread over the masters: " + masters);
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", is("UP"))
                .body(not(containsString("degraded")));
    }

    @Test
    void aStreamTheClusterLostGetsItsRecentRowsBackOnce() {
        long tool = 9801;
        post(tool);
        post(tool);
        await().atMost(Duration.ofSeconds(20)).until(() -> entries(tool).size() == 6);
        redis.key(String.class).del(shards.streamKey(tool)); // as a promoted replica that had none of it

        await().atMost(Duration.ofSeconds(20)).until(() -> entries(tool).size() >= 6);
        post(tool);
        await().atMost(Duration.ofSeconds(20)).until(() -> entries(tool).size() >= 9);
        assertOncePerRow(entries(tool), 9);
    }

    @Test
    void theTrimmerRemovesWhatTheGroupAcknowledgedOnEachMaster() {
        for (String stream : List.of("trimcluster:a", "trimcluster:b", "trimcluster:c")) {
            redis.key().del(stream);
            for (int i = 1; i <= 4; i++) {
                redis.stream(String.class).xadd(stream, new XAddArgs().id(i + "-1"), Map.of("n", String.valueOf(i)));
            }
            redis.stream(String.class).xgroupCreate(stream, "g", "0");
            List<StreamMessage<String, String, String>> read =
                    redis.stream(String.class).xreadgroup("g", "c", stream, ">", new XReadGroupArgs().count(2));
            redis.stream(String.class).xack(stream, "g", read.get(0).id());
            trimmer.trim(stream).await().atMost(Duration.ofSeconds(10));
            assertEquals(
                    List.of("2-1", "3-1", "4-1"),
                    redis.stream(String.class).xrange(stream, StreamRange.of("-", "+")).stream()
                            .map(StreamMessage::id)
                            .toList(),
                    stream);
        }
    }

    private static void post(long tool) {
        postEnabled(tool, "Ada");
    }
}
