package nemo.mqtt.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.JavaService;
import nemo.mqtt.testing.LocalStack;
import nemo.mqtt.testing.TestMqttClient;

/**
 * End-to-end latency and footprint of the whole local stack (deploy/local/run.sh on free ports):
 * single events POSTed open-loop at a fixed rate, timed from each event's <em>intended</em> send time
 * (no coordinated omission) to its arrival at a TLS QoS 1 subscriber on {@code nemo/tools/+/enabled}.
 * Baseline in the same run: a plain Vert.x MQTT publisher sending the same kind of payloads straight
 * to the same broker at the same rate, to the same subscriber (the broker's own latency). Also: RSS of
 * each service at idle and after the heaviest rate, and each service's startup-to-ready time.
 */
public final class EndToEndLatency {

    private static final int TOOLS = 50;
    private static final int DRAIN_SECONDS = Integer.getInteger("bench.drain-seconds", 30);

    record Run(
            String path,
            int targetRate,
            long sent,
            long accepted,
            long received,
            long duplicates,
            long errors,
            double achievedRate,
            double acceptedRate,
            double deliveredRate,
            long undelivered,
            Histogram histogram) {

        double ms(double percentile) {
            return histogram.getValueAtPercentile(percentile) / 1000.0;
        }

        double maxMs() {
            return histogram.getMaxValue() / 1000.0;
        }

        long unanswered() {
            return sent - accepted - errors;
        }
    }

    /** Intended send time per event_id of the current run, and the histogram its arrivals go into. */
    private static final Map<String, Long> pending = new ConcurrentHashMap<>();

    private static volatile Histogram current = new Histogram(3);
    private static final AtomicLong received = new AtomicLong();
    private static volatile long lastReceivedNanos;
    private static volatile long lastAcceptedNanos;
    private static final AtomicLong duplicates = new AtomicLong();

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<Integer> rates = new ArrayList<>();
        for (String r : (args.length > 1 ? args[1] : "200,1000").split(",")) {
            rates.add(Integer.parseInt(r.strip()));
        }
        Path root = Path.of(System.getProperty("nemo.repo.root", "."))
                .toAbsolutePath()
                .normalize();
        Path out = root.resolve("deploy/bench/target");
        Files.createDirectories(out);

        LocalStack stack = new LocalStack();
        Vertx vertx = Vertx.vertx();
        try {
            stack.start();
            System.out.println("[bench] stack running; state in " + stack.state);
            Thread.sleep(3000); // let the services settle before the idle reading
            Map<String, Long> pids = StackFootprint.pids(stack);
            Map<String, Long> idleRss = StackFootprint.rss(pids);
            Map<String, Double> startup = StackFootprint.startupSeconds(stack);

            String token = stack.apiToken();
            WebClient web = WebClient.create(
                    vertx, new WebClientOptions().setMaxPoolSize(256).setKeepAlive(true));
            DevCerts certs = stack.certs;
            MqttClient subscriber = subscriber(vertx, certs, stack.mqttPort);
            MqttClientOptions pubOptions = TestMqttClient.tlsOptions(certs.ca(), certs, "bridge");
            pubOptions.setClientId("bench-direct-" + UUID.randomUUID()).setMaxInflightQueue(65535);
            Context publisherContext = vertx.getOrCreateContext();
            MqttClient publisher = MqttClient.create(vertx, pubOptions);
            get(publisher
                    .connect(stack.mqttPort, "localhost")
                    .toCompletionStage()
                    .toCompletableFuture());

            BiConsumer<Long, Integer> postOne = postSender(web, stack.emitterPort, token);
            BiConsumer<Long, Integer> publishOne = (i, tool) -> {
                String id = UUID.randomUUID().toString();
                pending.put(id, intended.get());
                String payload = new JsonObject()
                        .put("event", "tool_enabled")
                        .put("tool_id", tool)
                        .put("tool_name", "Bench")
                        .put("user_name", "Bench User " + tool)
                        .put("event_id", id)
                        .put("seq", i)
                        .encode();
                publisherContext.runOnContext(v -> {
                    publisher
                            .publish(
                                    "nemo/tools/" + tool + "/enabled",
                                    Buffer.buffer(payload),
                                    MqttQoS.AT_LEAST_ONCE,
                                    false,
                                    false)
                            .onSuccess(x -> {
                                accepted.incrementAndGet();
                                lastAcceptedNanos = System.nanoTime();
                            })
                            .onFailure(e -> errors.incrementAndGet());
                });
            };

            // warm-up (not recorded): JIT, connection pools, subscriptions
            System.out.println("[bench] warm-up 5 s at " + rates.get(0) + "/s on both paths");
            drive("warm-up", publishOne, rates.get(0), 5);
            drive("warm-up", postOne, rates.get(0), 5);

            List<Run> runs = new ArrayList<>();
            Map<String, Long> loadRss = Map.of();
            int heaviest = rates.stream().mapToInt(Integer::intValue).max().orElseThrow();
            for (int rate : rates) {
                System.out.printf(Locale.ROOT, "[bench] broker baseline at %d/s for %d s%n", rate, seconds);
                runs.add(drive("broker", publishOne, rate, seconds));
                System.out.printf(Locale.ROOT, "[bench] stack (POST -> MQTT) at %d/s for %d s%n", rate, seconds);
                runs.add(drive("stack", postOne, rate, seconds));
                if (rate == heaviest) {
                    loadRss = StackFootprint.rss(pids);
                }
            }
            publisher.disconnect();
            subscriber.disconnect();
            report(out, seconds, runs, pids, idleRss, loadRss, startup);
        } finally {
            StackFootprint.stop(stack);
            vertx.close();
            StackFootprint.keepLogs(stack, out.resolve("latency-logs"));
        }
    }

    private static final ThreadLocal<Long> intendedHolder = new ThreadLocal<>();
    private static final java.util.function.Supplier<Long> intended = intendedHolder::get;
    private static final AtomicLong accepted = new AtomicLong();
    private static final AtomicLong errors = new AtomicLong();

    private static BiConsumer<Long, Integer> postSender(WebClient web, int port, String token) {
        return (i, tool) -> {
            String id = UUID.randomUUID().toString();
            pending.put(id, intended.get());
            Buffer body = Buffer.buffer(new JsonObject()
                    .put("event", "tool_enabled")
                    .put("event_id", id)
                    .put("tool_id", tool)
                    .put("tool_name", "Bench")
                    .put("user_name", "Bench User " + tool)
                    .encode());
            web.post(port, "localhost", "/api/v1/events")
                    .bearerTokenAuthentication(token)
                    .putHeader("Content-Type", "application/json")
                    .sendBuffer(body)
                    .onSuccess(response -> {
                        if (response.statusCode() == 202
                                && id.equals(response.bodyAsJsonObject().getString("event_id"))) {
                            accepted.incrementAndGet();
                            lastAcceptedNanos = System.nanoTime();
                        } else {
                            errors.incrementAndGet();
                        }
                    })
                    .onFailure(e -> errors.incrementAndGet());
        };
    }

    /**
     * Sends {@code rate * seconds} events, each scheduled at start + i / rate (open loop: a slow answer
     * does not delay the next send), then waits up to 15 s for the subscriber to have them all.
     */
    private static Run drive(String path, BiConsumer<Long, Integer> send, int rate, int seconds) throws Exception {
        pending.clear();
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        current = histogram;
        received.set(0);
        duplicates.set(0);
        accepted.set(0);
        errors.set(0);
        long total = (long) rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000;
        long lastSend = start;
        for (long i = 0; i < total; i++) {
            long at = start + i * periodNanos;
            long wait;
            while ((wait = at - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 1_000_000));
            }
            intendedHolder.set(at);
            send.accept(i, (int) (1 + i % TOOLS));
            lastSend = System.nanoTime();
        }
        double achieved = total / ((lastSend - start) / 1e9 + 1.0 / rate);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
        while (System.nanoTime() < deadline && (received.get() < total || accepted.get() + errors.get() < total)) {
            Thread.sleep(20);
        }
        Thread.sleep(200); // late duplicates
        // what has not arrived by now counts with the time waited so far: a lower bound, never left out
        long now = System.nanoTime();
        List<Long> missing = new ArrayList<>(pending.values());
        pending.clear();
        Histogram copy;
        synchronized (histogram) {
            missing.forEach(
                    at -> histogram.recordValue(Math.min(histogram.getHighestTrackableValue(), (now - at) / 1000)));
            copy = histogram.copy();
        }
        long got = received.get();
        double delivered = got / Math.max((lastReceivedNanos - start) / 1e9, 1.0 / rate);
        double acceptedRate = accepted.get() / Math.max((lastAcceptedNanos - start) / 1e9, 1.0 / rate);
        return new Run(
                path,
                rate,
                total,
                accepted.get(),
                got,
                duplicates.get(),
                errors.get(),
                achieved,
                acceptedRate,
                delivered,
                missing.size(),
                copy);
    }

    private static MqttClient subscriber(Vertx vertx, DevCerts certs, int port) throws Exception {
        MqttClientOptions options = TestMqttClient.tlsOptions(certs.ca(), certs, "display");
        options.setClientId("bench-latency-" + UUID.randomUUID())
                .setCleanSession(true)
                .setMaxInflightQueue(65535);
        MqttClient client = MqttClient.create(vertx, options);
        client.publishHandler(message -> {
            long now = System.nanoTime();
            String id;
            try {
                id = new JsonObject(message.payload().toString(StandardCharsets.UTF_8)).getString("event_id");
            } catch (RuntimeException notJson) {
                return;
            }
            Long at = id == null ? null : pending.remove(id);
            if (at == null) {
                duplicates.incrementAndGet(); // or from another run; only counted when it is not ours either
                return;
            }
            Histogram histogram = current;
            synchronized (histogram) {
                histogram.recordValue(Math.max(0, (now - at) / 1000));
            }
            received.incrementAndGet();
            lastReceivedNanos = now;
        });
        get(client.connect(port, "localhost").toCompletionStage().toCompletableFuture());
        get(client.subscribe("nemo/tools/+/enabled", MqttQoS.AT_LEAST_ONCE.value())
                .toCompletionStage()
                .toCompletableFuture());
        return client;
    }

    private static <T> T get(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    private static void report(
            Path out,
            int seconds,
            List<Run> runs,
            Map<String, Long> pids,
            Map<String, Long> idleRss,
            Map<String, Long> loadRss,
            Map<String, Double> startup)
            throws IOException {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, """
                ## End-to-end latency (%d s per rate, open loop, %d tools, one event per POST)

                From each event's intended send time to its arrival at a TLS QoS 1 subscriber on `nemo/tools/+/enabled`.
                `stack`: POST /api/v1/events -> event-emitter -> PostgreSQL outbox -> Redis stream -> mqtt-bridge -> Mosquitto.
                `broker`: a plain Vert.x MQTT publisher (QoS 1, TLS) straight to the same broker (the baseline).

                `sent/s`: the load generator's achieved send rate; `accepted/s`: accepted / (last 202 - start); `delivered/s`: received / (last arrival - start).
                `accepted`: 202 answers (broker: publishes written); `undelivered`: not at the subscriber %d s after
                the last send. Those are counted in the percentiles with the time waited so far (a lower bound),
                so the percentiles never leave out the slowest events.

                | path | target/s | sent/s | accepted/s | delivered/s | sent | accepted | unanswered | errors | received | undelivered | dup/stray | p50 ms | p95 ms | p99 ms | max ms | p50 / broker | p99 / broker |
                | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
                """, seconds, TOOLS, DRAIN_SECONDS));
        JsonArray jsonRuns = new JsonArray();
        for (Run r : runs) {
            Run broker = runs.stream()
                    .filter(b -> b.path().equals("broker") && b.targetRate() == r.targetRate())
                    .findFirst()
                    .orElse(r);
            double ratio = r.ms(99) / Math.max(broker.ms(99), 0.001);
            double ratio50 = r.ms(50) / Math.max(broker.ms(50), 0.001);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %,.0f | %,.0f | %,.0f | %d | %d | %d | %d | %d | %d | %d | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f |%n",
                    r.path(),
                    r.targetRate(),
                    r.achievedRate(),
                    r.acceptedRate(),
                    r.deliveredRate(),
                    r.sent(),
                    r.accepted(),
                    r.unanswered(),
                    r.errors(),
                    r.received(),
                    r.undelivered(),
                    r.duplicates(),
                    r.ms(50),
                    r.ms(95),
                    r.ms(99),
                    r.maxMs(),
                    ratio50,
                    ratio));
            jsonRuns.add(new JsonObject()
                    .put("path", r.path())
                    .put("target_per_s", r.targetRate())
                    .put("achieved_per_s", Math.round(r.achievedRate() * 10) / 10.0)
                    .put("sent", r.sent())
                    .put("accepted_per_s", Math.round(r.acceptedRate() * 10) / 10.0)
                    .put("delivered_per_s", Math.round(r.deliveredRate() * 10) / 10.0)
                    .put("accepted", r.accepted())
                    .put("unanswered", r.unanswered())
                    .put("received", r.received())
                    .put("undelivered", r.undelivered())
                    .put("duplicates", r.duplicates())
                    .put("errors", r.errors())
                    .put("p50_ms", r.ms(50))
                    .put("p95_ms", r.ms(95))
                    .put("p99_ms", r.ms(99))
                    .put("max_ms", r.maxMs())
                    .put("p50_ratio_to_broker", round2(ratio50))
                    .put("p99_ratio_to_broker", round2(ratio)));
        }
        md.append("""

                ## Footprint (deploy/local/run.sh defaults: %s)

                | service | pid | startup to ready s | RSS idle MiB | RSS after heaviest rate MiB |
                | --- | ---: | ---: | ---: | ---: |
                """.formatted(String.join(" ", JavaService.LOCAL_STACK_JVM)));
        JsonObject footprint = new JsonObject();
        for (String service : StackFootprint.SERVICES) {
            long idle = idleRss.getOrDefault(service, 0L);
            long load = loadRss.getOrDefault(service, 0L);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.3f | %.0f | %.0f |%n",
                    service,
                    pids.get(service),
                    startup.get(service),
                    idle / 1024.0,
                    load / 1024.0));
            footprint.put(
                    service,
                    new JsonObject()
                            .put("startup_s", startup.get(service))
                            .put("rss_idle_kib", idle)
                            .put("rss_load_kib", load));
        }
        md.append(String.format(Locale.ROOT, """

                - startup: Quarkus' own "started in" from each service's log; the three start in parallel
                - machine: %d cores; PostgreSQL, Redis, Mosquitto, the three services and the load generator share it
                - chart: bench-latency.png
                """, Runtime.getRuntime().availableProcessors()));
        JsonObject json = new JsonObject()
                .put("seconds_per_rate", seconds)
                .put("drain_seconds", DRAIN_SECONDS)
                .put("tools", TOOLS)
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("runs", jsonRuns)
                .put("footprint", footprint);
        Files.writeString(out.resolve("bench-latency.md"), md);
        Files.writeString(out.resolve("bench-latency.json"), json.encodePrettily());
        chart(out.resolve("bench-latency.png"), runs);
        System.out.println(md);
        System.out.println("[bench] wrote " + out.resolve("bench-latency.md") + ", .json and .png");
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static void chart(Path png, List<Run> runs) throws IOException {
        CategoryChart chart = new CategoryChartBuilder()
                .width(1000)
                .height(600)
                .title("NEMO MQTT end-to-end latency (intended send -> subscriber receive)")
                .xAxisTitle("percentile")
                .yAxisTitle("latency ms (log scale)")
                .build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        chart.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Line);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        List<String> labels = List.of("p50", "p95", "p99", "max");
        for (Run r : runs) {
            chart.addSeries(
                    r.path() + " @ " + r.targetRate() + "/s",
                    labels,
                    List.of(
                            Math.max(r.ms(50), 0.01),
                            Math.max(r.ms(95), 0.01),
                            Math.max(r.ms(99), 0.01),
                            Math.max(r.maxMs(), 0.01)));
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
