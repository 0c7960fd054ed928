package nemo.mqtt.bench;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongFunction;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import org.awaitility.core.ConditionTimeoutException;

import nemo.mqtt.testing.FakeNemo;
import nemo.mqtt.testing.NemoJson;

/**
 * The REST poller's delay, end to end: changes made in a NEMO-shaped REST server ({@link FakeNemo}),
 * timed from the change to the arrival of its event at a TLS QoS 1 subscriber, through the
 * event-emitter (poller on, the configured intervals), its PostgreSQL, Redis, the mqtt-bridge and
 * Mosquitto. Kinds: tool enabled, tool disabled, a problem that shuts the tool down, a reservation, and
 * the first change after NEMO answered 503 for a while. Each change is made at a random moment of
 * the poll cycle. Prints median (p50) and max per kind with the intervals.
 * Properties: bench.samples (5), bench.usage-interval (5s), bench.status-interval (30s),
 * bench.unreachable-seconds (60).
 */
public final class PollerDelay {

    private static final int SAMPLES = Integer.getInteger("bench.samples", 5);
    private static final Duration USAGE_INTERVAL = duration("bench.usage-interval", "5s");
    private static final Duration STATUS_INTERVAL = duration("bench.status-interval", "30s");
    private static final int UNREACHABLE_SECONDS = Integer.getInteger("bench.unreachable-seconds", 60);
    private static final List<String> TOPICS =
            List.of("nemo/tools/+/enabled", "nemo/tools/+/disabled", "nemo/tools/+/tasks", "nemo/reservations/+");

    /**
     * One kind of change: its name, the interval it waits for, what happens before it (not timed), and the
     * change for sample i giving its key.
     */
    private record Kind(String name, Duration interval, Runnable before, LongFunction<String> change) {

        Kind(String name, Duration interval, LongFunction<String> change) {
            this(name, interval, () -> {}, change);
        }
    }

    private PollerDelay() {}

    public static void main(String[] args) throws Exception {
        Path out = RateArgs.outputDirectory();
        FakeNemo nemo = new FakeNemo();
        Map<String, String> settings = nemo.start();
        for (long tool = 1; tool <= SAMPLES; tool++) {
            FakeNemo.toolList.add(NemoJson.tool(tool, "Bench tool " + tool, null));
        }
        Map<String, String> poller = Map.of(
                "NEMO_EMITTER_POLLER_ENABLED",
                "true",
                "NEMO_EMITTER_POLLER_BASE_URL",
                settings.get("nemo.emitter.poller.base-url"),
                "NEMO_EMITTER_POLLER_TOKEN",
                FakeNemo.TOKEN,
                "NEMO_EMITTER_POLLER_USAGE_INTERVAL",
                USAGE_INTERVAL.toMillis() + "ms",
                "NEMO_EMITTER_POLLER_STATUS_INTERVAL",
                STATUS_INTERVAL.toMillis() + "ms");
        LatencyRecorder recorder = new LatencyRecorder();
        Vertx vertx = Vertx.vertx();
        try (PipelineStack stack = PipelineStack.start(poller, out.resolve("poller-logs"))) {
            MqttClient subscriber =
                    LatencySubscriber.connect(vertx, stack.certs, stack.mqttPort(), TOPICS, PollerDelay::key, recorder);
            LatencyTable table =
                    new LatencyTable(List.of("kind", "poll interval", "samples"), List.of("undelivered"), null);
            for (Kind kind : kinds()) {
                System.out.printf(Locale.ROOT, "[bench] %s: %d changes%n", kind.name(), samples(kind));
                LatencyRecorder.Result result = measure(kind, recorder);
                table.row(
                        List.of(kind.name(), seconds(kind.interval()), String.valueOf(samples(kind))),
                        result.percentiles(),
                        List.of(String.valueOf(result.undelivered())));
            }
            subscriber.disconnect();
            String md = String.format(
                    Locale.ROOT,
                    """
                    ## REST poller: NEMO change to MQTT subscriber (usage interval %s, status interval %s)

                    From the change in the NEMO-shaped server to the event's arrival at a TLS QoS 1 subscriber; each
                    change at a random moment of its interval. `p50` is the median. Unreachable: NEMO answered 503
                    for %d s, then the change was made as it answered again.

                    %s
                    %s
                    """,
                    USAGE_INTERVAL,
                    STATUS_INTERVAL,
                    UNREACHABLE_SECONDS,
                    table.markdown(),
                    BenchReport.machine(
                            "PostgreSQL, Redis, Mosquitto, the emitter, the bridge and the load generator"));
            BenchReport.write(out, "poller", md, null);
        } finally {
            nemo.stop();
            vertx.close();
        }
    }

    private static List<Kind> kinds() {
        return List.of(
                new Kind("tool enabled", USAGE_INTERVAL, i -> {
                    FakeNemo.usages.add(NemoJson.usage(1000 + i, tool(i), "Ada", "Byron", Instant.now(), null));
                    return "tool_enabled:" + (1000 + i);
                }),
                new Kind("tool disabled", USAGE_INTERVAL, i -> {
                    long usage = 1000 + i;
                    FakeNemo.update(
                            FakeNemo.usages,
                            usage,
                            u -> u.put("end", NemoJson.nemoTime(Instant.now())).put("has_ended", usage));
                    return "tool_disabled:" + usage;
                }),
                new Kind("problem, shutdown", USAGE_INTERVAL, i -> {
                    FakeNemo.tasks.add(NemoJson.task(2000 + i, tool(i), true, "Bench problem", Instant.now()));
                    return "task_created:" + (2000 + i);
                }),
                new Kind("reservation", STATUS_INTERVAL, i -> {
                    Instant start = Instant.now().plus(Duration.ofHours(1 + i));
                    FakeNemo.reservations.add(
                            NemoJson.reservation(3000 + i, tool(i), "Ada", "Byron", start, start.plusSeconds(1800)));
                    return "reservation_created:" + (3000 + i);
                }),
                new Kind(
                        "after " + UNREACHABLE_SECONDS + " s unreachable (503)",
                        USAGE_INTERVAL,
                        () -> {
                            FakeNemo.failWith = 503;
                            pause(Duration.ofSeconds(UNREACHABLE_SECONDS)); // the outage: NEMO answers 503
                        },
                        i -> {
                            FakeNemo.usages.add(NemoJson.usage(4000 + i, tool(i), "Ada", "Byron", Instant.now(), null));
                            FakeNemo.failWith = 0;
                            return "tool_enabled:" + (4000 + i);
                        }));
    }

    /** One change at a time, each at a random moment of its interval, each awaited before the next. */
    private static LatencyRecorder.Result measure(Kind kind, LatencyRecorder recorder) {
        recorder.reset();
        for (long i = 1; i <= samples(kind); i++) {
            kind.before().run(); // e.g. NEMO unreachable for a while: not timed
            pause(Duration.ofMillis(
                    ThreadLocalRandom.current().nextLong(kind.interval().toMillis())));
            long before = System.nanoTime();
            recorder.started(kind.change().apply(i), before);
            long arrived = i;
            try {
                await().atMost(kind.interval().multipliedBy(3).plusSeconds(30))
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> recorder.received() >= arrived);
            } catch (ConditionTimeoutException lost) {
                System.out.println("[bench] " + kind.name() + " change " + i + " did not arrive");
            }
        }
        return recorder.finish(System.nanoTime());
    }

    /** The unreachable kind is one long sample by default; the others {@code bench.samples}. */
    private static int samples(Kind kind) {
        return kind.name().startsWith("after") ? Integer.getInteger("bench.unreachable-samples", 1) : SAMPLES;
    }

    private static String key(JsonObject payload) {
        for (String id : List.of("usage_id", "task_id", "reservation_id")) {
            if (payload.containsKey(id)) {
                return payload.getString("event") + ":" + payload.getLong(id);
            }
        }
        return null;
    }

    private static long tool(long sample) {
        return 1 + (sample - 1) % SAMPLES;
    }

    private static String seconds(Duration interval) {
        return String.format(Locale.ROOT, "%.1f s", interval.toMillis() / 1000.0);
    }

    private static Duration duration(String property, String otherwise) {
        return Duration.parse("PT" + System.getProperty(property, otherwise).toUpperCase(Locale.ROOT));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
