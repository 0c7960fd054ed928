package nemo.mqtt.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import org.HdrHistogram.Recorder;

import nemo.mqtt.testing.JavaService;
import nemo.mqtt.testing.ServiceProcess;
import nemo.mqtt.testing.StackAddresses;

/**
 * Sustained ingest of {@code POST /api/v1/events} (one event per request, 16 requests in flight,
 * 20 tools) against a baseline measured in the same run on the same PostgreSQL: one plain INSERT
 * per transaction through the Vert.x PostgreSQL client with the same concurrency (what the database
 * alone takes on this machine). The emitter does more per event (dedupe, seq, state, outbox, relay).
 * Beside the rates it gives the CPU each process used per operation and how busy the machine was
 * ({@link CpuTime}): on a noisy machine the rates of identical runs differ by half, and a machine
 * that is not busy says the rate was held by a wait (a lock, a round trip, a flush), not by CPU.
 */
public final class EmitterIngest {

    private static final int IN_FLIGHT = Integer.getInteger("bench.in-flight", 16);
    private static final int TOOLS = 20;
    /**
     * On 2 cores the emitter's JIT compiles for minutes under this load (a JFR recording after 95 s
     * still showed C2 on 40% of the emitter's CPU); after 5 s the run measured the compiler, not the
     * code. So the warm-up lasts at least this long, and then goes on in {@link #WARM_UP_STEP}s until
     * the emitter's compiler threads are nearly idle ({@link JitCompilerTime#quiet}), no step starting
     * past {@link #WARM_UP_MAX}.
     */
    private static final int WARM_UP_SECONDS = Integer.getInteger("bench.warm-up-seconds", 60);

    private static final Duration WARM_UP_STEP = Duration.ofSeconds(10);
    private static final Duration WARM_UP_MAX = Duration.ofMinutes(4);
    /**
     * The baseline's own warm-up, at least: its client's JIT (this JVM's) and PostgreSQL's caches;
     * then, as the emitter's, until this JVM's compiler threads are quiet.
     */
    private static final Duration BASELINE_WARM_UP = Duration.ofSeconds(10);

    public static void main(String[] args) throws Exception {
        Duration run = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 20);
        Vertx vertx = Vertx.vertx();
        try (ServiceProcess postgres = ServiceProcess.postgres();
                ServiceProcess redis = ServiceProcess.redis()) {
            // PostgreSQL allows 200 connections and the emitter needs its own: past 128 the baseline's
            // operations wait in the pool, as the emitter's requests wait for a group
            Pool db = PgBuilder.pool()
                    .with(new PoolOptions().setMaxSize(Math.min(IN_FLIGHT, 128)))
                    .connectingTo(new PgConnectOptions()
                            .setHost("127.0.0.1")
                            .setPort(postgres.port())
                            .setDatabase("nemo")
                            .setUser("nemo"))
                    .using(vertx)
                    .build();
            // its own schema: the emitter's migrations expect "public" to be theirs
            result(db.query("create schema bench").execute());
            result(db.query(
                            "create table bench.baseline (id bigserial primary key, tool_id bigint, payload text, at timestamptz)")
                    .execute());
            String payload = new JsonObject()
                    .put("event", "tool_enabled")
                    .put("tool_id", 1)
                    .put("tool_name", "Woollam")
                    .put("user_name", "Alice Smith")
                    .encode();
            AtomicLong n = new AtomicLong();
            CpuTime cpu = new CpuTime()
                    .tree("PostgreSQL", postgres.pid())
                    .tree("Redis", redis.pid())
                    .self("load generator");
            Supplier<Future<Void>> insert =
                    () -> db.preparedQuery("insert into bench.baseline (tool_id, payload, at) values ($1, $2, now())")
                            .execute(Tuple.of(n.incrementAndGet() % TOOLS, payload))
                            .mapEmpty();
            String baselineWarmUp =
                    warmUp("the load generator's", ProcessHandle.current().pid(), BASELINE_WARM_UP, cpu, insert);
            Result baseline = drive(run, cpu, insert);

            Path logs = Path.of(System.getProperty("nemo.repo.root", "."), "deploy/bench/target");
            Files.createDirectories(logs);
            try (JavaService emitter = new JavaService(
                            "event-emitter",
                            "event-emitter",
                            StackAddresses.of(redis, postgres, null, null).emitter("bench", "bench-token"),
                            logs,
                            JavaService.BENCHMARK_JVM)
                    .start()
                    .awaitReady(Duration.ofMinutes(2))) {
                int port = emitter.httpPort();
                // one connection per request in flight: the client's default pool (5 per host) would
                // hold the rest back in its own queue, and "16 in flight" would be 5 at the emitter
                WebClient web = WebClient.create(
                        vertx, new WebClientOptions().setMaxPoolSize(IN_FLIGHT).setKeepAlive(true));
                Supplier<Future<Void>> post = () -> {
                    long i = n.incrementAndGet();
                    return web.post(port, "localhost", "/api/v1/events")
                            .bearerTokenAuthentication("bench-token")
                            .putHeader("Content-Type", "application/json")
                            .sendBuffer(Buffer.buffer(new JsonObject()
                                    .put("event", i % 2 == 0 ? "tool_enabled" : "tool_disabled")
                                    .put("tool_id", 1 + i % TOOLS)
                                    .put("tool_name", "Tool")
                                    .put("user_name", "Alice Smith")
                                    .encode()))
                            .map(response -> {
                                if (response.statusCode() != 202) {
                                    throw new IllegalStateException("answered " + response.statusCode());
                                }
                                return null;
                            });
                };
                cpu.tree("event-emitter", emitter.pid());
                String warmUp = warmUp("the emitter's", emitter.pid(), Duration.ofSeconds(WARM_UP_SECONDS), cpu, post);
                GroupCounters before = groupCounters(web, port);
                Result ingest = drive(run, cpu, post);
                report(
                        run,
                        baselineWarmUp,
                        warmUp,
                        baseline,
                        ingest,
                        groupCounters(web, port).since(before));
            }
        } finally {
            vertx.close();
        }
    }

    /**
     * Drives {@code operation} for {@code minimum}, then step by step (at least one) until the
     * compiler threads of the JVM {@code pid} were quiet over a step ({@link JitCompilerTime#quiet}),
     * no step starting once it would end past {@link #WARM_UP_MAX}. {@code whose} names that JVM
     * ("the emitter's"). Answers how long it took and whether the JIT became quiet ("95 s, the
     * emitter's JIT quiet").
     */
    private static String warmUp(
            String whose, long pid, Duration minimum, CpuTime cpu, Supplier<Future<Void>> operation) throws Exception {
        long start = System.nanoTime();
        drive(minimum, cpu, operation);
        boolean quiet;
        do {
            double compiledBefore = JitCompilerTime.millis(pid);
            drive(WARM_UP_STEP, cpu, operation);
            quiet = JitCompilerTime.quiet(JitCompilerTime.millis(pid) - compiledBefore, WARM_UP_STEP);
        } while (!quiet && System.nanoTime() - start + WARM_UP_STEP.toNanos() <= WARM_UP_MAX.toNanos());
        String took = String.format(
                Locale.ROOT,
                "%.0f s, %s JIT %s",
                (System.nanoTime() - start) / 1e9,
                whose,
                quiet ? "quiet" : "still compiling");
        System.out.println("[bench] warm-up " + took);
        return took;
    }

    private static GroupCounters groupCounters(WebClient web, int port) throws Exception {
        return GroupCounters.parse(
                result(web.get(port, "localhost", "/q/metrics").send()).bodyAsString());
    }

    /** {@code cpu}: CPU ms per operation by process, and their "total" ({@link CpuTime#perOperation}). */
    record Result(
            double perSecond, double p50, double p99, double max, long count, Map<String, Double> cpu, double busy) {}

    /** Keeps IN_FLIGHT operations going for {@code run}; records each one's latency and what {@code cpu} used. */
    private static Result drive(Duration run, CpuTime cpu, Supplier<Future<Void>> operation) throws Exception {
        Recorder recorder = new Recorder(3);
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + run.toNanos();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        AtomicLong running = new AtomicLong(IN_FLIGHT);
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            if (System.nanoTime() > end) {
                if (running.decrementAndGet() == 0) {
                    finished.complete(null);
                }
                return;
            }
            long start = System.nanoTime();
            operation.get().onComplete(result -> {
                if (result.failed()) {
                    finished.completeExceptionally(result.cause());
                    return;
                }
                recorder.recordValue((System.nanoTime() - start) / 1000);
                done.incrementAndGet();
                next[0].run();
            });
        };
        Map<String, Map<Long, Double>> cpuBefore = cpu.read();
        long[] machineBefore = CpuTime.machineTicks();
        long started = System.nanoTime();
        for (int i = 0; i < IN_FLIGHT; i++) {
            next[0].run();
        }
        finished.get(run.toSeconds() + 120, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Double> cpuUsed = CpuTime.perOperation(cpuBefore, cpu.read(), done.get());
        double busy = CpuTime.machineBusy(machineBefore, CpuTime.machineTicks());
        var histogram = recorder.getIntervalHistogram();
        return new Result(
                done.get() / seconds,
                histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMaxValue() / 1000.0,
                done.get(),
                cpuUsed,
                busy);
    }

    private static JsonObject asJson(Result r) {
        return new JsonObject()
                .put("events_per_s", Math.round(r.perSecond()))
                .put("p50_ms", r.p50())
                .put("p99_ms", r.p99())
                .put("max_ms", r.max())
                .put("count", r.count())
                .put("cpu_ms_per_event", new JsonObject(new LinkedHashMap<>(r.cpu())))
                .put("machine_busy", Math.round(r.busy() * 100) / 100.0);
    }

    /** "PostgreSQL 0.213, Redis 0.000, ..., total 0.323 (the machine 97% busy)": ms per operation. */
    private static String cpu(Result r) {
        return r.cpu().entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", "))
                + String.format(Locale.ROOT, " (the machine %.0f%% busy)", r.busy() * 100);
    }

    private static <T> T result(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static void report(
            Duration run, String baselineWarmUp, String warmUp, Result baseline, Result ingest, GroupCounters groups)
            throws Exception {
        // the goal of issue 16: half the baseline with 16 in flight at p99 < 25 ms; above it with 256
        boolean many = IN_FLIGHT >= 256;
        double ratio = ingest.perSecond() / baseline.perSecond();
        double cpuRatio = baseline.cpu().get("total") / ingest.cpu().get("total");
        String goal = many ? "ratio > 1.00" : "ratio >= 0.50, p99 < 25 ms";
        boolean met = many ? ratio > 1.0 : ratio >= 0.5 && ingest.p99() < 25;
        String table = String.format(
                Locale.ROOT,
                """
                ## event-emitter ingest (%d s after a warm-up of %s, %d requests in flight, one event per request, %d tools)

                | path | events/s | ratio | goal | p50 ms | p99 ms | max ms |
                | --- | ---: | ---: | --- | ---: | ---: | ---: |
                | baseline: one INSERT per transaction, same PostgreSQL (after a warm-up of %s) | %,.0f | 1.00 | | %.2f | %.2f | %.1f |
                | POST /api/v1/events (auth, validate, dedupe, seq, state, outbox, relay) | %,.0f | %.2f | %s | %.2f | %.2f | %.1f |

                - goal (issue 16, %d in flight): %s: %s
                - CPU ms per operation, baseline: %s
                - CPU ms per event, POST: %s
                - CPU ratio (baseline's total per INSERT / POST's total per event; the rate ratio where CPU is all that limits): %.2f
                - the emitter's group commits: %s
                - machine: %d cores; PostgreSQL, Redis, the emitter and the load generator share it
                """,
                run.toSeconds(),
                warmUp,
                IN_FLIGHT,
                TOOLS,
                baselineWarmUp,
                baseline.perSecond(),
                baseline.p50(),
                baseline.p99(),
                baseline.max(),
                ingest.perSecond(),
                ratio,
                goal,
                ingest.p50(),
                ingest.p99(),
                ingest.max(),
                IN_FLIGHT,
                goal,
                met ? "met" : "NOT met",
                cpu(baseline),
                cpu(ingest),
                cpuRatio,
                groups.describe(),
                Runtime.getRuntime().availableProcessors());
        JsonObject json = new JsonObject()
                .put("baseline", asJson(baseline))
                .put("ingest", asJson(ingest))
                .put("ratio", Math.round(ratio * 100) / 100.0)
                .put("cpu_ratio", Math.round(cpuRatio * 100) / 100.0)
                .put(
                        "groups",
                        new JsonObject()
                                .put("count", Math.round(groups.groups()))
                                .put("events", Math.round(groups.events()))
                                .put("one_trip", Math.round(groups.oneTrip()))
                                .put("read_again", Math.round(groups.readAgain())))
                .put("goal", new JsonObject().put("text", goal).put("met", met));
        Path out = Path.of(System.getProperty("nemo.repo.root", "."), "deploy/bench/target");
        Files.createDirectories(out);
        Files.writeString(out.resolve("bench-ingest.md"), table);
        Files.writeString(out.resolve("bench-ingest.json"), json.encodePrettily());
        System.out.println(table);
    }
}
