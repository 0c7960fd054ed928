package nemo.mqtt.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;

import nemo.mqtt.testing.LocalStack;

/**
 * End-to-end latency and footprint of the whole local stack (deploy/local/run.sh on free ports):
 * single events POSTed open-loop at a fixed rate, timed from each event's <em>intended</em> send time
 * (no coordinated omission) to its arrival at a TLS QoS 1 subscriber on {@code nemo/tools/+/enabled}.
 * Baseline in the same run: a plain Vert.x MQTT publisher sending the same kind of payloads straight
 * to the same broker at the same rate, to the same subscriber (the broker's own latency). Also: RSS of
 * each service at idle and after the heaviest rate, and each service's startup-to-ready time.
 * Arguments: seconds per rate (20), rates per second, comma-separated (200,2000: issue 16's goals).
 */
public final class EndToEndLatency {

    private static final int TOOLS = 50;
    private static final int WARM_UP_RATE = 1000;
    private static final int WARM_UP_SECONDS = 15;
    private static final int DRAIN_SECONDS = Integer.getInteger("bench.drain-seconds", 30);

    private EndToEndLatency() {}

    public static void main(String[] args) throws Exception {
        RateArgs parsed = RateArgs.parse(args, 20, "200,2000");
        int seconds = parsed.seconds();
        List<Integer> rates = parsed.rates();
        Path out = parsed.out();

        LocalStack stack = new LocalStack();
        Vertx vertx = Vertx.vertx();
        try {
            // as run.sh starts them: latency.sh built the layout, and run.sh trains its class caches when
            // stale (the tests' NEMO_SKIP_BUILD=1 would start the plain fast-jar instead)
            stack.start(Map.of("NEMO_SKIP_BUILD", "0"));
            System.out.println("[bench] stack running; state in " + stack.state);
            Thread.sleep(3000); // let the services settle before the idle reading
            Map<String, Long> pids = StackFootprint.pids(stack);
            Map<String, Long> idleRss = StackFootprint.rss(pids);
            Map<String, Double> startup = StackFootprint.startupSeconds(stack);

            CpuTime cpu = StackFootprint.cpu(pids);
            LatencyRecorder recorder = new LatencyRecorder();
            MqttClient subscriber = LatencySubscriber.connect(
                    vertx,
                    stack.certs,
                    stack.mqttPort,
                    List.of("nemo/tools/+/enabled"),
                    payload -> payload.getString("event_id"),
                    recorder);
            try (StackSenders senders = new StackSenders(vertx, stack.certs, stack.mqttPort, recorder, TOOLS)) {
                OpenLoop.Sender post = senders.post(stack.emitterPort, stack.apiToken());
                OpenLoop.Sender direct = senders.direct();
                // warm-up (not recorded): JIT, connection pools, subscriptions. After 5 s at 1,000/s per path
                // this JVM's C2 still compiled through the 200/s phases (1.6-2.2 ms of its CPU per event); after
                // 15 s, 0.85-1.39 (README, Benchmarks).
                System.out.printf(
                        Locale.ROOT, "[bench] warm-up %d s at %d/s on both paths%n", WARM_UP_SECONDS, WARM_UP_RATE);
                drive("warm-up", direct, WARM_UP_RATE, WARM_UP_SECONDS, recorder, senders, cpu);
                drive("warm-up", post, WARM_UP_RATE, WARM_UP_SECONDS, recorder, senders, cpu);
                long quietFrom = System.nanoTime();
                boolean quiet = JitCompilerTime.awaitQuiet(
                        ProcessHandle.current().pid(), Duration.ofSeconds(1), Duration.ofSeconds(60));
                System.out.printf(
                        Locale.ROOT,
                        "[bench] load generator's JIT %s after %.1f s%n",
                        quiet ? "quiet" : "still compiling",
                        (System.nanoTime() - quietFrom) / 1e9);

                List<PathRun> runs = new ArrayList<>();
                Map<String, Long> loadRss = Map.of();
                int heaviest = rates.stream().mapToInt(Integer::intValue).max().orElseThrow();
                for (int rate : rates) {
                    System.out.printf(Locale.ROOT, "[bench] broker baseline at %d/s for %d s%n", rate, seconds);
                    runs.add(drive("broker", direct, rate, seconds, recorder, senders, cpu));
                    System.out.printf(Locale.ROOT, "[bench] stack (POST -> MQTT) at %d/s for %d s%n", rate, seconds);
                    runs.add(drive("stack", post, rate, seconds, recorder, senders, cpu));
                    if (rate == heaviest) {
                        loadRss = StackFootprint.rss(pids);
                    }
                }
                subscriber.disconnect();
                EndToEndReport.write(
                        out,
                        seconds,
                        TOOLS,
                        DRAIN_SECONDS,
                        runs,
                        new EndToEndReport.Footprint(
                                StackFootprint.jvm(pids.get("event-emitter")), pids, startup, idleRss, loadRss));
            }
        } finally {
            StackFootprint.stop(stack);
            vertx.close();
            StackFootprint.keepLogs(stack, out.resolve("latency-logs"));
        }
    }

    /**
     * Sends {@code rate * seconds} events open-loop through {@code send}, then waits up to the drain time
     * for the subscriber to have them all and for every answer. The CPU is read from the first send to the drain's end.
     */
    private static PathRun drive(
            String path,
            OpenLoop.Sender send,
            int rate,
            int seconds,
            LatencyRecorder recorder,
            StackSenders senders,
            CpuTime cpu)
            throws InterruptedException {
        recorder.reset();
        SendOutcomes answers = senders.answers();
        answers.reset();
        Map<String, Map<Long, Double>> cpuBefore = cpu.read();
        long[] machineBefore = CpuTime.machineTicks();
        OpenLoop.Sent sent = OpenLoop.run(rate, seconds, send);
        long total = sent.total();
        OpenLoop.awaitDrained(
                () -> recorder.received() >= total && answers.allAnswered(total), Duration.ofSeconds(DRAIN_SECONDS));
        // after the drain: a backlog's work belongs to the events sent
        Map<String, Double> cpuPerEvent = CpuTime.perOperation(cpuBefore, cpu.read(), total);
        double busy = CpuTime.machineBusy(machineBefore, CpuTime.machineTicks());
        Thread.sleep(200); // late duplicates
        LatencyRecorder.Result result = recorder.finish(System.nanoTime());
        return new PathRun(
                path,
                rate,
                total,
                answers.successes(),
                result.received(),
                result.strays(),
                answers.failures(),
                sent.achievedRate(),
                sent.ratePerSecond(answers.successes(), answers.lastSuccessNanos()),
                sent.ratePerSecond(result.received(), result.lastReceivedNanos()),
                result.undelivered(),
                result.percentiles(),
                answers.answerLatency(),
                cpuPerEvent,
                busy);
    }
}
