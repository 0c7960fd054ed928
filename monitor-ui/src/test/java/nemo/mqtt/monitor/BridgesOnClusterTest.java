package nemo.mqtt.monitor;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.RedisCluster;

/** On a Redis Cluster the bridges page lists every live replica, whichever node holds its heartbeat, and the dead letters. */
@QuarkusTest
@QuarkusTestResource(value = ClusterResource.class, restrictToAnnotatedClass = true)
class BridgesOnClusterTest {

    @Inject
    RedisDataSource redis;

    @Test
    void everyLiveReplicaIsListed() {
        List<String> names =
                IntStream.range(0, 6).mapToObj(i -> "cluster-bridge-" + i).toList();
        Set<Integer> nodes = new HashSet<>();
        for (String name : names) {
            String key = "nemo:bridge:heartbeat:" + name;
            redis.value(String.class)
                    .psetex(
                            key,
                            60_000,
                            "{\"replica\":\"" + name + "\",\"owned_shards\":[],"
                                    + "\"broker_connected\":true,\"updated_at\":\"" + Instant.now() + "\"}");
            redis.sortedSet(String.class)
                    .zadd("nemo:events:bridges", System.currentTimeMillis(), name); // as the lease loop does
            nodes.add(RedisCluster.shared().masterOf(key).port());
        }
        assertTrue(nodes.size() > 1, "the heartbeats live on several masters: " + nodes);
        redis.sortedSet(String.class)
                .zadd("nemo:events:bridges", System.currentTimeMillis(), "gone-bridge"); // heartbeat expired
        redis.stream(String.class).xadd("nemo:events:dead", Map.of("topic", "nemo/x", "reason", "test"));
        try {
            var page = Login.as(Login.VIEWER)
                    .accept("application/json")
                    .get("/bridges")
                    .then()
                    .statusCode(200)
                    .body("error", org.hamcrest.Matchers.nullValue())
                    .body("replicas.replica", equalTo(names))
                    .body("dead_letters", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
            page.body(org.hamcrest.Matchers.not(containsString("gone-bridge")));
        } finally {
            names.forEach(name -> redis.key().del("nemo:bridge:heartbeat:" + name));
            redis.sortedSet(String.class).zrem("nemo:events:bridges", names.toArray(String[]::new));
            redis.sortedSet(String.class).zrem("nemo:events:bridges", "gone-bridge");
        }
    }
}
