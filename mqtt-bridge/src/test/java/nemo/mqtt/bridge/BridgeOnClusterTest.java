package nemo.mqtt.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.RedisCluster;
import nemo.mqtt.testing.RedisClusterTestResource;
import nemo.mqtt.testing.RedisNode;
import nemo.mqtt.testing.TestMqttClient;
import nemo.mqtt.wire.RedisKeys;

/**
 * A bridge on a Redis Cluster (3 masters, 3 replicas) with default settings: it owns every shard
 * (leases confirmed by a replica), is in the registry the monitor reads, and delivers every entry in
 * per-tool order while the master of a shard stream is SIGKILLed and its replica promoted. A node's
 * failure stops no shard for longer than the failover (the cluster client connects to every node the
 * cluster lists, so until the cluster drops a dead node every shard waits): shards on other masters
 * deliver again at once, the killed master's within seconds of its replica's promotion, and a dead
 * replica stops them for the node timeout only. The tests share one cluster and leave every node up.
 */
@QuarkusTest
@QuarkusTestResource(value = RedisClusterTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = BrokerTestResource.class, restrictToAnnotatedClass = true)
class BridgeOnClusterTest extends BridgeFixture {

    private static final Set<Integer> ALL = IntStream.range(0, 8).boxed().collect(Collectors.toSet());
    /**
     * How long beyond the failover (a master's replica promoted, or a dead replica taken for failed)
     * a shard may stop delivering: a few seconds, with room for a loaded machine.
     */
    private static final long MARGIN_MS = 5_000;

    @BeforeEach
    void ownsEveryShard() {
        awaitEveryShardOwned();
    }

    /** Starts the killed nodes again (a killed master rejoins as a replica) and waits for a healthy cluster. */
    @AfterEach
    void restartKilled() {
        RedisCluster cluster = RedisCluster.shared();
        cluster.nodes().stream().filter(node -> !node.isRunning()).forEach(RedisNode::startAgain);
        cluster.awaitHealthy(Duration.ofSeconds(30));
    }

    @Test
    void everyEntryArrivesInPerToolOrderAcrossAMasterKill() throws Exception {
        assertTrue(
                redis.sortedSet(String.class)
                        .zrange(RedisKeys.bridgeMembers("nemo:events"), 0, -1)
                        .contains("test-bridge"),
                "the replica is in the registry the monitor reads");
        RedisCluster cluster = RedisCluster.shared();
        MasterKill.run(
                redis,
                "cluster",
                () -> cluster.masterOf("nemo:events:0").kill(),
                () -> cluster.awaitHealthy(Duration.ofSeconds(30)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ownership.ownedShards().size() == 8);
    }

    @Test
    void aMasterKillStopsOnlyItsOwnShardsAndOnlyForTheFailover() throws Exception {
        RedisCluster cluster = RedisCluster.shared();
        RedisNode victim = cluster.masterOf(RedisKeys.stream("nemo:events", 0));
        Set<Integer> onVictim = shardsOn(cluster, victim);
        Set<Integer> elsewhere = others(onVictim);
        assertFalse(elsewhere.isEmpty(), "the shards spread over the masters");
        try (TestMqttClient display = Displays.onSharedBroker("nemo/tools/#");
                ShardDelays delays = new ShardDelays(masterPorts(cluster), display, 9200)) {
            long warm = System.nanoTime();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> display.received().size() >= 80);
            victim.kill();
            long killedAt = System.nanoTime();
            // served again: the promoted replica took a write of one of the killed master's shards
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> delays.writtenBetween(onVictim, killedAt, Long.MAX_VALUE) > 0);
            long servedAt = delays.firstWriteAfter(onVictim, killedAt);
            await("a few seconds of writing after the failover")
                    .atMost(Duration.ofSeconds(10))
                    .until(() ->
                            System.nanoTime() - servedAt > Duration.ofSeconds(3).toNanos());
            delays.stopWriting();
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            delays.undelivered(elsewhere, warm) == 0 && delays.undelivered(onVictim, killedAt) == 0);
            long failover = (servedAt - killedAt) / 1_000_000;
            long duringFailover = delays.writtenBetween(elsewhere, killedAt, servedAt);
            long elsewhereDelay = delays.maxDelayMillis(elsewhere, warm);
            long victimDelay = delays.maxDelayMillis(onVictim, killedAt);
            System.out.printf(
                    "cluster master SIGKILL (shards %s on it): its shards served by the promoted replica after %d ms;"
                            + " shards %s: %d entries written meanwhile, longest delay %d ms; longest delay of an"
                            + " entry of the killed master's shards written after the kill %d ms%n",
                    onVictim, failover, elsewhere, duringFailover, elsewhereDelay, victimDelay);
            assertTrue(duringFailover > 0, "the other shards were written to during the failover");
            assertTrue(
                    elsewhereDelay < failover + MARGIN_MS,
                    "shards on other masters stalled " + elsewhereDelay + " ms, the failover took " + failover);
            assertTrue(victimDelay < MARGIN_MS, "the killed master's shards resumed after " + victimDelay + " ms");
        }
    }

    @Test
    void aReplicaKillStopsNoShard() throws Exception {
        RedisCluster cluster = RedisCluster.shared();
        RedisNode replica = cluster.nodes().stream()
                .filter(node -> node.cli("ROLE").startsWith("slave"))
                .findFirst()
                .orElseThrow();
        try (TestMqttClient display = Displays.onSharedBroker("nemo/tools/#");
                ShardDelays delays = new ShardDelays(masterPorts(cluster), display, 9296)) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> display.received().size() >= 80);
            long killedAt = System.nanoTime();
            replica.kill();
            // the others take it for failed after the node timeout (cluster-node-timeout)
            await("writing past the node timeout, when the others take the replica for failed")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> System.nanoTime() - killedAt > 3 * RedisCluster.NODE_TIMEOUT.toNanos());
            delays.stopWriting();
            await().atMost(Duration.ofSeconds(30)).until(() -> delays.undelivered(ALL, killedAt) == 0);
            long delay = delays.maxDelayMillis(ALL, killedAt);
            System.out.printf("cluster replica SIGKILL: longest delay of an entry %d ms%n", delay);
            assertTrue(
                    delay < RedisCluster.NODE_TIMEOUT.toMillis() + MARGIN_MS,
                    "a shard stalled " + delay + " ms after a replica's death");
            assertEquals(8, ownership.ownedShards().size(), "every shard still owned");
        }
    }

    /** Each shard's master's port, as the cluster sees it now. */
    private static IntUnaryOperator masterPorts(RedisCluster cluster) {
        return shard -> cluster.masterOf(RedisKeys.stream("nemo:events", shard)).port();
    }

    /** The shards whose streams {@code master} holds. */
    private static Set<Integer> shardsOn(RedisCluster cluster, RedisNode master) {
        return IntStream.range(0, 8)
                .filter(shard -> cluster.masterOf(RedisKeys.stream("nemo:events", shard)) == master)
                .boxed()
                .collect(Collectors.toSet());
    }

    private static Set<Integer> others(Set<Integer> shards) {
        Set<Integer> rest = new HashSet<>(ALL);
        rest.removeAll(shards);
        return rest;
    }
}
