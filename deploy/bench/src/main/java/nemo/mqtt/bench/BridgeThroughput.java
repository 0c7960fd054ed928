package nemo.mqtt.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.JavaService;
import nemo.mqtt.testing.ServiceProcess;
import nemo.mqtt.testing.StackAddresses;
import nemo.mqtt.testing.StreamEntries;
import nemo.mqtt.testing.TempDirs;
import nemo.mqtt.wire.ShardFunction;

/**
 * Measures, in one run against the same Mosquitto (TLS, client certificates) and the same QoS 1
 * subscriber: a plain Vert.x publisher (the baseline: what this broker takes on this machine), the
 * mqtt-bridge moving the same messages from pre-loaded Redis streams, and how long the bridge takes
 * to deliver again after the broker is killed and restarted.
 */
public final class BridgeThroughput {

    record Message(String topic, String payload, long tool, long seq, String eventId) {}

    private static final int TOOLS = 20;
    private static final int SHARDS = 8;
    private static final int WINDOW = 256;

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        DevCerts certs = DevCerts.shared();
        Vertx vertx = Vertx.vertx();
        try (ServiceProcess redisServer = ServiceProcess.redis();
                ServiceProcess broker = ServiceProcess.mosquitto(certs.dir());
                CountingSubscriber subscriber = new CountingSubscriber(certs, broker.port()).connect()) {
            Redis redis = Redis.createClient(vertx, "redis://127.0.0.1:" + redisServer.port());

            // Baseline: the same messages straight to the broker.
            subscriber.startRun("direct");
            List<Message> direct = messages("direct", count);
            long directStart = System.nanoTime();
            try (DirectPublisher publisher = new DirectPublisher(certs, broker.port(), WINDOW)) {
                publisher.publishAll(direct).get(10, TimeUnit.MINUTES);
                awaitAll(subscriber, count);
            }
            double directRate = count / seconds(subscriber.progress().lastNanos() - directStart);

            // The bridge: pre-load the streams, start it, time until the subscriber has them all.
            subscriber.startRun("bridge");
            preload(redis, messages("bridge", count));
            long bridgeStart = System.nanoTime();
            JavaService bridge = startBridge(redisServer, broker, certs);
            try {
                awaitAll(subscriber, count);
                CountingSubscriber.Progress bridged = subscriber.progress();
                double bridgeRate = count / seconds(bridged.lastNanos() - bridged.firstNanos());
                double startToAll = seconds(bridged.lastNanos() - bridgeStart);

                // Recovery: kill the broker while the bridge is idle-ready, restart it, time to the next delivery.
                subscriber.startRun("recovery");
                broker.kill();
                broker.start();
                long restarted = System.nanoTime();
                // the subscriber reconnects as soon as the broker takes connections again
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(20))
                        .ignoreExceptions()
                        .untilAsserted(subscriber::connect);
                preload(redis, messages("recovery", 1));
                awaitAll(subscriber, 1);
                double recovery = seconds(subscriber.progress().lastNanos() - restarted);

                report(count, directRate, bridgeRate, startToAll, recovery);
            } finally {
                bridge.stop();
            }
        } finally {
            vertx.close();
        }
    }

    private static List<Message> messages(String run, int count) {
        List<Message> messages = new ArrayList<>(count);
        long[] seqs = new long[TOOLS + 1];
        for (int n = 0; n < count; n++) {
            long tool = 1 + n % TOOLS;
            long seq = ++seqs[(int) tool];
            String eventId = UUID.randomUUID().toString();
            String payload = new JsonObject()
                    .put("event", "tool_enabled")
                    .put("tool_id", tool)
                    .put("tool_name", "Tool " + tool)
                    .put("user_name", "Bench User")
                    .put("event_id", eventId)
                    .put("seq", seq)
                    .put("timestamp", "2026-11-25T10:00:00Z")
                    .put("run", run)
                    .put("n", n)
                    .encode();
            messages.add(new Message("nemo/tools/" + tool + "/enabled", payload, tool, seq, eventId));
        }
        return messages;
    }

    /** XADDs in pipelined batches, each message to its tool's shard stream, as the emitter's relay does. */
    private static void preload(Redis redis, List<Message> messages) throws Exception {
        for (int from = 0; from < messages.size(); from += 1000) {
            List<Request> batch = new ArrayList<>();
            for (Message m : messages.subList(from, Math.min(messages.size(), from + 1000))) {
                Request xadd = Request.cmd(Command.XADD)
                        .arg(ShardFunction.streamKey("nemo:events", shard(m.tool())))
                        .arg("*");
                StreamEntries.entry(m.topic(), m.payload(), m.eventId(), m.tool(), m.seq())
                        .forEach((field, value) -> xadd.arg(field).arg(value));
                batch.add(xadd);
            }
            redis.batch(batch).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    private static int shard(long tool) {
        return ShardFunction.shardOf(tool, SHARDS);
    }

    /** One replica with the benchmark's in-flight window; returns at once (the timing includes its start). */
    private static JavaService startBridge(ServiceProcess redis, ServiceProcess broker, DevCerts certs) {
        Map<String, String> env =
                new HashMap<>(StackAddresses.of(redis, null, broker, certs).bridge("bench-bridge"));
        env.put("NEMO_BRIDGE_BROKER_IN_FLIGHT_WINDOW", String.valueOf(WINDOW));
        return new JavaService(
                        "mqtt-bridge",
                        "mqtt-bridge",
                        env,
                        TempDirs.create("nemo-bench-bridge-"),
                        JavaService.BENCHMARK_JVM)
                .start();
    }

    private static void awaitAll(CountingSubscriber subscriber, int count) {
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> subscriber.progress().distinct() >= count);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void report(int count, double directRate, double bridgeRate, double startToAll, double recovery)
            throws IOException {
        String table = String.format(
                Locale.ROOT,
                """
                ## mqtt-bridge throughput (%,d messages, QoS 1, TLS with client certificates, window %d, one replica)

                | publisher | msg/s | ratio to baseline | goal: ratio >= %.2f |
                | --- | ---: | ---: | ---: |
                | plain Vert.x publisher (baseline) | %,.0f | 1.00 | |
                | mqtt-bridge (Redis streams -> broker, XACK after PUBACK) | %,.0f | %.2f | %s |

                - bridge process start to the last message at the subscriber: %.1f s (includes JVM start)
                - broker SIGKILL + restart: first message delivered %.2f s after the broker was back
                %s
                """,
                count,
                WINDOW,
                Goals.BRIDGE_RATIO,
                directRate,
                bridgeRate,
                bridgeRate / directRate,
                Goals.verdict(Goals.bridgeMet(bridgeRate / directRate)),
                startToAll,
                recovery,
                BenchReport.machine("Mosquitto, Redis, the subscriber and the publisher"));
        JsonObject json = new JsonObject()
                .put("messages", count)
                .put("window", WINDOW)
                .put("baseline_msg_per_s", Math.round(directRate))
                .put("bridge_msg_per_s", Math.round(bridgeRate))
                .put("ratio", Math.round(bridgeRate / directRate * 100) / 100.0)
                .put("goal_met", Goals.bridgeMet(bridgeRate / directRate))
                .put("bridge_start_to_all_s", startToAll)
                .put("broker_restart_recovery_s", recovery);
        BenchReport.write(RateArgs.outputDirectory(), "bridge", table, json);
    }
}
