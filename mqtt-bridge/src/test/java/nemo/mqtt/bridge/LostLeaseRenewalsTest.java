package nemo.mqtt.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import nemo.mqtt.bridge.shard.ShardOwnership;
import nemo.mqtt.testing.RedisNode;
import nemo.mqtt.testing.RedisSentinelGroup;
import nemo.mqtt.testing.RedisSentinelTestResource;
import nemo.mqtt.testing.TestMqttClient;
import nemo.mqtt.wire.RedisKeys;

/**
 * A Sentinel failover that may lose writes, lease renewals among them: the replica stalls (DEBUG
 * SLEEP) and stops acknowledging while the bridge goes on renewing its leases on the master, the
 * master is SIGKILLed, and the stalled replica is promoted. A rival bridge (the test, taking the
 * leases as a replica's lease loop does) takes every shard the moment the promoted replica lets it;
 * the bridge must have stopped publishing them by then (its renewals no replica confirmed did not
 * extend its term), so no shard has two publishers. Then the rival lets go, and every entry the
 * streams hold reaches the display in per-tool order (MasterKill prints sent, how many the failover
 * dropped, delivered, lost, duplicates and order breaks). On loopback the stalled replica still
 * reads what the master had sent from its socket when it wakes, so few writes or none are lost.
 */
@QuarkusTest
@QuarkusTestResource(
        value = RedisSentinelTestResource.class,
        restrictToAnnotatedClass = true,
        initArgs = {
            @ResourceArg(name = "nemo.bridge.lease.ttl", value = "3s"),
            @ResourceArg(name = "nemo.bridge.lease.renew-interval", value = "1s")
        })
@QuarkusTestResource(value = BrokerTestResource.class, restrictToAnnotatedClass = true)
class LostLeaseRenewalsTest {

    private static final int SHARDS = 8;

    @Inject
    RedisDataSource redis;

    @Inject
    ShardOwnership ownership;

    @Test
    void aPromotedReplicaWithoutTheLastRenewalsNeverGivesAShardTwoPublishers() throws Exception {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ownership.ownedShards().size() == SHARDS);
        RedisSentinelGroup group = RedisSentinelTestResource.group();
        RedisNode master = group.master();
        RedisNode replica = group.servers().stream()
                .filter(node -> node != master)
                .findFirst()
                .orElseThrow();
        List<CompletableFuture<String>> asleep = new ArrayList<>();
        try (TestMqttClient display = Displays.onSharedBroker("nemo/tools/#")) {
            MasterKill.run(
                    redis,
                    "sentinel, replica stalled,",
                    () -> {
                        // longer than the lease: the replica keeps none of the renewals made meanwhile
                        asleep.add(CompletableFuture.supplyAsync(() -> replica.cli("DEBUG", "SLEEP", "5")));
                        await().atMost(Duration.ofSeconds(8))
                                .until(() -> ownership.ownedShards().isEmpty());
                        master.kill();
                    },
                    () -> {
                        await().atMost(Duration.ofSeconds(30))
                                .pollInterval(Duration.ofMillis(100))
                                .until(() -> group.master() == replica);
                        rivalHoldsEveryShard(display);
                    });
        } finally {
            asleep.forEach(CompletableFuture::join);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ownership.ownedShards().size() == SHARDS);
    }

    /**
     * Takes each shard's lease as soon as the promoted replica has it free, checks that the bridge
     * does not own it then and that nothing is published while the rival holds them all (the
     * writer goes on), and lets go.
     */
    private void rivalHoldsEveryShard(TestMqttClient display) {
        List<String> keys = IntStream.range(0, SHARDS)
                .mapToObj(shard -> RedisKeys.lease("nemo:events", shard))
                .toList();
        for (int shard = 0; shard < SHARDS; shard++) {
            String key = keys.get(shard);
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .ignoreExceptions()
                    .until(() -> redis.execute("SET", key, "rival", "NX", "PX", "30000") != null);
            assertFalse(ownership.ownedShards().contains(shard), "the bridge still owned shard " + shard);
        }
        long heldFrom = System.nanoTime();
        int before = display.received().size();
        await("the rival holds every shard for two seconds")
                .atMost(Duration.ofSeconds(5))
                .until(() ->
                        System.nanoTime() - heldFrom > Duration.ofSeconds(2).toNanos());
        assertEquals(before, display.received().size(), "published while the rival held every shard");
        keys.forEach(key -> redis.key().del(key));
    }
}
