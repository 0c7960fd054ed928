package nemo.mqtt.emitter;

import static io.restassured.RestAssured.given;
import static nemo.mqtt.emitter.EmitterApi.entries;
import static nemo.mqtt.emitter.EmitterApi.number;
import static nemo.mqtt.emitter.EmitterApi.postEnabled;
import static nemo.mqtt.emitter.TrimmedStreams.ack;
import static nemo.mqtt.emitter.TrimmedStreams.fill;
import static nemo.mqtt.emitter.TrimmedStreams.group;
import static nemo.mqtt.emitter.TrimmedStreams.read;
import static nemo.mqtt.emitter.TrimmedStreams.trimmed;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import jakarta.inject.Inject;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import nemo.mqtt.emitter.event.Shards;
import nemo.mqtt.testing.PostgresTestResource;
import nemo.mqtt.testing.RedisCluster;
import nemo.mqtt.testing.RedisClusterTestResource;

/**
 * On a Redis Cluster (3 masters, 3 replicas) with default settings: the shard streams spread over the
 * masters, and the relay, its rollback guard and the trimmer work on them.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(RedisClusterTestResource.class)
class ClusterRelayTest {

    @Inject
    Shards shards;

    @Test
    void eventsOfEveryShardReachTheirStreamsOnSeveralMasters() {
        List<Long> tools = LongStream.rangeClosed(9701, 9740).boxed().toList();
        for (long tool : tools) {
            postEnabled(tool, "Ada");
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
        StreamLoss.assertRecentRowsComeBackOnce(9801);
    }

    @Test
    void theTrimmerRemovesWhatTheGroupAcknowledgedOnEachMaster() {
        for (String stream : List.of("trimcluster:a", "trimcluster:b", "trimcluster:c")) {
            fill(stream, 4);
            group(stream, "g");
            ack(stream, "g", read(stream, "g", 2).subList(0, 1));
            assertEquals(List.of("2-1", "3-1", "4-1"), trimmed(stream), stream);
        }
    }
}
