package nemo.mqtt.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import nemo.mqtt.bridge.shard.Leases;
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
 * leases as a replica's lease loop does) takes every shard the moment the promoted replica lets it
 * (those whose lease the promoted replica still held for the bridge the bridge may keep);
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

    @Inject
    Leases leases;

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
                        rivalTakesEveryFreedShard(display);
                    });
        } finally {
            asleep.forEach(CompletableFuture::join);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ownership.ownedShards().size() == SHARDS);
    }

    /**
     * Takes each shard's lease as soon as the promoted replica has it free and checks that the bridge
     * does not own it then. A shard whose lease the promoted replica still holds for the bridge (it
     * had the renewals after all) the bridge may take back: one publisher still. Then checks that
     * nothing of the rival's shards is published while it holds them (the writer goes on), and lets go.
     */
    private void rivalTakesEveryFreedShard(TestMqttClient display) {
        Set<Integer> rivals = new TreeSet<>();
        Set<Integer> stillOwned = new TreeSet<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            String key = RedisKeys.lease("nemo:events", shard);
            int taken = shard;
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .ignoreExceptions()
                    .until(() -> {
                        if (redis.execute("SET", key, "rival", "NX", "PX", "30000") != null) {
                            if (ownership.ownedShards().contains(taken)) {
                                stillOwned.add(taken); // asserted below: ignoreExceptions would swallow it here
                            }
                            return rivals.add(taken);
                        }
                        return leases.me().equals(redis.value(String.class).get(key));
                    });
        }
        assertEquals(Set.of(), stillOwned, "shards the bridge still owned when the rival took them");
        long heldFrom = System.nanoTime();
        await("the rival holds its shards for two seconds")
                .atMost(Duration.ofSeconds(5))
                .until(() ->
                        System.nanoTime() - heldFrom > Duration.ofSeconds(2).toNanos());
        List<TestMqttClient.Received> published = display.received().stream()
                .filter(m -> m.receivedNanos() > heldFrom
                        && rivals.contains((int) (new JsonObject(m.payload()).getLong("tool_id") % SHARDS)))
                .toList();
        assertEquals(List.of(), published, "published while the rival held shards " + rivals);
        System.out.printf("the rival took shards %s; the bridge kept the others%n", rivals);
        rivals.forEach(shard -> redis.key().del(RedisKeys.lease("nemo:events", shard)));
    }
}
