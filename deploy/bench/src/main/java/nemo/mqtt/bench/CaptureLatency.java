package nemo.mqtt.bench;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;

import nemo.mqtt.testing.NemoPostgres;

/**
 * Change data capture end to end (issue 12): NEMO's changes committed open-loop into NEMO's
 * PostgreSQL (logical replication, NEMO's tables) at fixed rates, each a usage start or end on one of
 * many tools in its own transaction, timed from the commit to the arrival of its {@code tool_enabled}
 * or {@code tool_disabled} at a TLS QoS 1 subscriber; through the event-emitter (capture on), its
 * PostgreSQL, Redis, the mqtt-bridge and Mosquitto. Goal: p99 under 250 ms.
 * Arguments: seconds per rate (30), rates per second, comma-separated (20,200).
 */
public final class CaptureLatency {

    private static final int TOOLS = 100;
    private static final int WORKERS = 8;
    private static final double GOAL_P99_MS = 250;
    private static final int DRAIN_SECONDS = Integer.getInteger("bench.drain-seconds", 30);

    record Run(
            int rate,
            double committedRate,
            double deliveredRate,
            long committed,
            long failed,
            LatencyRecorder.Result result) {}

    private CaptureLatency() {}

    public static void main(String[] args) throws Exception {
        RateArgs run = RateArgs.parse(args, 30, "20,200");
        List<Integer> rates = run.rates();
        LatencyRecorder recorder = new LatencyRecorder();
        Vertx vertx = Vertx.vertx();
        try (NemoPostgres nemo = NemoPostgres.start();
                NemoCommitter committer = new NemoCommitter(nemo, TOOLS, WORKERS, recorder);
                PipelineStack stack = PipelineStack.start(
                        nemo.captureSettings("NEMO_EMITTER_CAPTURE_", "nemo_mqtt_bench"),
                        run.out().resolve("capture-logs"))) {
            MqttClient subscriber = LatencySubscriber.connect(
                    vertx,
                    stack.certs,
                    stack.mqttPort(),
                    List.of("nemo/tools/+/enabled", "nemo/tools/+/disabled"),
                    payload -> payload.containsKey("usage_id")
                            ? NemoCommitter.key(payload.getString("event"), payload.getLong("usage_id"))
                            : null,
                    recorder);
            OpenLoop.Sender sender = committer.sender();
            awaitCapturing(sender, recorder);
            System.out.println("[bench] capture streams; warm-up 5 s at " + rates.get(0) + "/s");
            drive(rates.get(0), 5, sender, committer, recorder);
            List<Run> runs = new ArrayList<>();
            for (int rate : rates) {
                System.out.printf(Locale.ROOT, "[bench] NEMO commits at %d/s for %d s%n", rate, run.seconds());
                runs.add(drive(rate, run.seconds(), sender, committer, recorder));
            }
            subscriber.disconnect();
            report(run.out(), run.seconds(), runs);
        } finally {
            vertx.close();
        }
    }

    /** Commits one change every 2 s until one arrives: the emitter creates its slot after it is ready. */
    private static void awaitCapturing(OpenLoop.Sender sender, LatencyRecorder recorder) {
        long[] probe = {0};
        await("a change committed in NEMO arrives at the subscriber")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    sender.send(probe[0]++, System.nanoTime());
                    return recorder.received() > 0;
                });
    }

    private static Run drive(
            int rate, int seconds, OpenLoop.Sender sender, NemoCommitter committer, LatencyRecorder recorder)
            throws InterruptedException {
        recorder.reset();
        SendOutcomes commits = committer.commits();
        commits.reset();
        OpenLoop.Sent sent = OpenLoop.run(rate, seconds, sender);
        OpenLoop.awaitDrained(
                () -> commits.allAnswered(sent.total()) && recorder.received() >= commits.successes(),
                Duration.ofSeconds(DRAIN_SECONDS));
        Thread.sleep(200); // late duplicates
        LatencyRecorder.Result result = recorder.finish(System.nanoTime());
        return new Run(
                rate,
                sent.ratePerSecond(commits.successes(), commits.lastSuccessNanos()),
                sent.ratePerSecond(result.received(), result.lastReceivedNanos()),
                commits.successes(),
                commits.failures(),
                result);
    }

    private static void report(Path out, int seconds, List<Run> runs) throws Exception {
        LatencyTable table = new LatencyTable(
                List.of("rate/s", "committed/s", "delivered/s"),
                List.of("committed", "failed", "delivered", "undelivered", "dup/stray"),
                GOAL_P99_MS);
        JsonArray json = new JsonArray();
        for (Run r : runs) {
            LatencyRecorder.Result result = r.result();
            table.row(
                    List.of(
                            String.valueOf(r.rate()),
                            String.format(Locale.ROOT, "%.1f", r.committedRate()),
                            String.format(Locale.ROOT, "%.1f", r.deliveredRate())),
                    result.percentiles(),
                    List.of(
                            String.valueOf(r.committed()),
                            String.valueOf(r.failed()),
                            String.valueOf(result.received()),
                            String.valueOf(result.undelivered()),
                            String.valueOf(result.strays())));
            json.add(new JsonObject()
                    .put("rate_per_s", r.rate())
                    .put("committed_per_s", r.committedRate())
                    .put("delivered_per_s", r.deliveredRate())
                    .put("committed", r.committed())
                    .put("failed", r.failed())
                    .put("delivered", result.received())
                    .put("undelivered", result.undelivered())
                    .mergeIn(result.percentiles().json())
                    .put("goal_met", table.meetsGoal(result.percentiles())));
        }
        String md = String.format(
                Locale.ROOT,
                """
                ## NEMO commit to MQTT subscriber, change data capture (%d s per rate, open loop, %d tools)

                Each change is a usage start or end on one tool, its own transaction in NEMO's PostgreSQL, timed
                from its commit returning to the arrival of its `tool_enabled` / `tool_disabled` at a TLS QoS 1
                subscriber. Path: NEMO's WAL -> event-emitter (capture) -> its PostgreSQL outbox -> Redis stream
                -> mqtt-bridge -> Mosquitto. `undelivered`: not there %d s after the last commit, counted in the
                percentiles with the time waited (a lower bound).

                %s
                %s
                """,
                seconds,
                TOOLS,
                DRAIN_SECONDS,
                table.markdown(),
                BenchReport.machine(
                        "both PostgreSQLs, Redis, Mosquitto, the emitter, the bridge and the load generator"));
        BenchReport.write(
                out,
                "capture",
                md,
                new JsonObject()
                        .put("seconds_per_rate", seconds)
                        .put("tools", TOOLS)
                        .put("goal_p99_ms", GOAL_P99_MS)
                        .put("runs", json));
    }
}
