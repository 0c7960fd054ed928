package nemo.mqtt.bridge;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.DeliveryAssertions;
import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.JavaService;
import nemo.mqtt.testing.RedisCluster;
import nemo.mqtt.testing.RedisNode;
import nemo.mqtt.testing.ServiceProcess;
import nemo.mqtt.testing.StackAddresses;
import nemo.mqtt.testing.StreamEntries;
import nemo.mqtt.testing.TestMqttClient;
import nemo.mqtt.wire.RedisKeys;

/**
 * Two bridge replicas (processes) on a Redis Cluster of 3 masters and 3 replicas; the master of a
 * shard stream is SIGKILLed midway through 2 000 events of 50 tools. Each event is written until a
 * replica has it (XADD then WAIT), as the emitter's rollback guard makes sure of, so none may be
 * lost: every one arrives, in per-tool order after de-duplication, and afterwards both replicas are
 * in the registry the bridges page reads, with their heartbeats.
 */
class ReplicasOnClusterIT {

    private static final int SHARDS = 8;
    private static final int TOOLS = 50;
    private static final int EVENTS = 2_000;
    private static final List<String> NAMES = List.of("cluster-a", "cluster-b");

    @AutoClose
    private static final RedisCluster cluster = RedisCluster.start(3, 1);

    @AutoClose
    private static final ServiceProcess broker =
            ServiceProcess.mosquitto(DevCerts.shared().dir());

    @AutoClose("close")
    private static final Vertx vertx = Vertx.vertx();

    private static final Redis redis = Redis.createClient(
            vertx,
            new RedisOptions()
                    .setType(RedisClientType.CLUSTER)
                    .setEndpoints(List.of(cluster.hosts().split(",")))
                    .setMaxPoolSize(8)
                    .setMaxPoolWaiting(64));

    @Test
    void everyEventArrivesInPerToolOrderAcrossAMasterKillAndBothReplicasAreListed() throws Exception {
        StackAddresses addresses = new StackAddresses(cluster.hosts(), 0, null, broker.port(), DevCerts.shared());
        try (JavaService a = bridge(NAMES.get(0), addresses);
                JavaService b = bridge(NAMES.get(1), addresses);
                TestMqttClient display = Displays.on(broker.port(), "nemo/tools/#")) {
            await("shards spread over both replicas")
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> owners().equals(Map.of(NAMES.get(0), SHARDS / 2, NAMES.get(1), SHARDS / 2)));
            AtomicLong rewrites = new AtomicLong();
            CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> produce(rewrites));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> display.received().size() >= EVENTS / 3);
            long killedAt = System.nanoTime();
            RedisNode victim = cluster.masterOf(RedisKeys.stream("nemo:events", 0));
            victim.kill();
            cluster.awaitHealthy(Duration.ofSeconds(30));
            long healthyAfter = (System.nanoTime() - killedAt) / 1_000_000;
            victim.startAgain(); // rejoins as the promoted master's replica, which the writer's WAIT needs
            producer.get(180, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> DeliveryAssertions.eventIds(display.received()).size() >= EVENTS);
            List<TestMqttClient.Received> received = display.received();
            int delivered = DeliveryAssertions.eventIds(received).size();
            System.out.printf(
                    "two bridges on a cluster, master SIGKILL: sent %d (rewritten %d), delivered %d, lost %d,"
                            + " duplicates %d, order breaks %d; healthy after %d ms%n",
                    EVENTS,
                    rewrites.get(),
                    delivered,
                    EVENTS - delivered,
                    received.size() - delivered,
                    DeliveryAssertions.orderBreaks(DeliveryAssertions.deliveries(received))
                            .size(),
                    healthyAfter);
            DeliveryAssertions.assertAllOnceInOrder(EVENTS, received);
            await("both replicas listed, with their heartbeats")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> NAMES.stream().allMatch(ReplicasOnClusterIT::listed));
        }
    }

    private static JavaService bridge(String name, StackAddresses addresses) {
        Map<String, String> env = new HashMap<>(addresses.bridge(name));
        env.put("QUARKUS_REDIS_CLIENT_TYPE", "cluster");
        env.put("NEMO_BRIDGE_LEASE_TTL", "5s");
        env.put("NEMO_BRIDGE_LEASE_RENEW_INTERVAL", "1s");
        return new JavaService("bridge-" + name, "mqtt-bridge", env).start().awaitReady(Duration.ofSeconds(90));
    }

    /**
     * 2 000 events over 50 tools into their shard streams, each tool's seq counting up; an event is
     * written again (same event_id) until a replica of its master has it, so a failover cannot drop it.
     */
    private static void produce(AtomicLong rewrites) {
        Map<Long, Long> seqs = new HashMap<>();
        for (int i = 0; i < EVENTS; i++) {
            long tool = 1 + i % TOOLS;
            Map<String, String> entry = StreamEntries.toolEvent(tool, seqs.merge(tool, 1L, Long::sum), "enabled");
            Request xadd = Request.cmd(Command.XADD).arg(RedisKeys.stream("nemo:events", (int) (tool % SHARDS)));
            xadd.arg("*");
            entry.forEach((field, value) -> xadd.arg(field).arg(value));
            List<Request> batch = List.of(xadd, Request.cmd(Command.WAIT).arg(1).arg(500));
            for (int attempt = 0; !replicated(batch); attempt++) {
                rewrites.incrementAndGet();
                LockSupport.parkNanos(
                        Duration.ofMillis(Math.min(200, 20L * (attempt + 1))).toNanos());
            }
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos()); // a steady stream, not one burst
        }
    }

    /** XADD and WAIT in one batch on one connection; true once a replica acknowledged the entry. */
    private static boolean replicated(List<Request> batch) {
        try {
            List<Response> answers =
                    redis.batch(batch).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return answers.get(1).toLong() >= 1;
        } catch (Exception e) {
            return false;
        }
    }

    private static Map<String, Integer> owners() {
        Map<String, Integer> counts = new HashMap<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            Response owner = send(Request.cmd(Command.GET).arg(RedisKeys.lease("nemo:events", shard)));
            if (owner != null) {
                counts.merge(owner.toString(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** In the registry of live replicas (ZRANGE, as the bridges page reads it) and with a heartbeat. */
    private static boolean listed(String name) {
        Response members = send(Request.cmd(Command.ZRANGE)
                .arg(RedisKeys.bridgeMembers("nemo:events"))
                .arg(0)
                .arg(-1));
        boolean registered = members.stream().anyMatch(member -> name.equals(member.toString()));
        return registered
                && send(Request.cmd(Command.GET).arg(RedisKeys.heartbeat("nemo:bridge:heartbeat:", name))) != null;
    }

    private static Response send(Request request) {
        try {
            return redis.send(request).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
