package nemo.mqtt.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Prints the end-to-end latency benchmark's results and writes them to bench-latency.{md,json,png}:
 * the latency table per path and rate (with p50 and p99 as multiples of the broker baseline), the CPU
 * per event by process, and the footprint of each service (startup time, RSS at idle and after the
 * heaviest rate).
 */
final class EndToEndReport {

    /**
     * Per service: pid, startup-to-ready seconds, RSS (KiB) at idle and after the heaviest rate; and the
     * JVM with its options as run.sh started the emitter (the three alike).
     */
    record Footprint(
            String jvm,
            Map<String, Long> pids,
            Map<String, Double> startup,
            Map<String, Long> idleRss,
            Map<String, Long> loadRss) {}

    private EndToEndReport() {}

    /** Writes the files into {@code out} for runs of {@code seconds} each with {@code tools} tools. */
    static void write(Path out, int seconds, int tools, int drainSeconds, List<PathRun> runs, Footprint footprint)
            throws IOException {
        LatencyTable table = new LatencyTable(
                List.of(
                        "path",
                        "target/s",
                        "sent/s",
                        "accepted/s",
                        "delivered/s",
                        "sent",
                        "accepted",
                        "unanswered",
                        "errors",
                        "received",
                        "undelivered",
                        "dup/stray"),
                List.of("p50 / broker", "p99 / broker", "answer p50 / p99 ms", "goal (issue 16)"),
                null);
        JsonArray jsonRuns = new JsonArray();
        for (PathRun r : runs) {
            Percentiles broker = runs.stream()
                    .filter(b -> b.path().equals("broker") && b.targetRate() == r.targetRate())
                    .findFirst()
                    .orElse(r)
                    .latency();
            double ratio50 = r.latency().p50() / Math.max(broker.p50(), 0.001);
            double ratio99 = r.latency().p99() / Math.max(broker.p99(), 0.001);
            String goal = Goals.endToEnd(r);
            table.row(
                    List.of(
                            r.path(),
                            String.valueOf(r.targetRate()),
                            String.format(Locale.ROOT, "%,.0f", r.achievedRate()),
                            String.format(Locale.ROOT, "%,.0f", r.acceptedRate()),
                            String.format(Locale.ROOT, "%,.0f", r.deliveredRate()),
                            String.valueOf(r.sent()),
                            String.valueOf(r.accepted()),
                            String.valueOf(r.unanswered()),
                            String.valueOf(r.errors()),
                            String.valueOf(r.received()),
                            String.valueOf(r.undelivered()),
                            String.valueOf(r.duplicates())),
                    r.latency(),
                    List.of(
                            String.format(Locale.ROOT, "%.1f", ratio50),
                            String.format(Locale.ROOT, "%.1f", ratio99),
                            String.format(
                                    Locale.ROOT,
                                    "%.2f / %.2f",
                                    r.answered().p50(),
                                    r.answered().p99()),
                            goal == null ? "" : goal));
            jsonRuns.add(new JsonObject()
                    .put("path", r.path())
                    .put("target_per_s", r.targetRate())
                    .put("achieved_per_s", round(r.achievedRate(), 10))
                    .put("sent", r.sent())
                    .put("accepted_per_s", round(r.acceptedRate(), 10))
                    .put("delivered_per_s", round(r.deliveredRate(), 10))
                    .put("accepted", r.accepted())
                    .put("unanswered", r.unanswered())
                    .put("received", r.received())
                    .put("undelivered", r.undelivered())
                    .put("duplicates", r.duplicates())
                    .put("errors", r.errors())
                    .mergeIn(r.latency().json())
                    .put("p50_ratio_to_broker", round(ratio50, 100))
                    .put("p99_ratio_to_broker", round(ratio99, 100))
                    .put("answer_p50_ms", r.answered().p50())
                    .put("answer_p99_ms", r.answered().p99())
                    .put("cpu_ms_per_event", new JsonObject(new LinkedHashMap<>(r.cpuPerEvent())))
                    .put("machine_busy", round(r.machineBusy(), 100))
                    .put("goal", goal));
        }
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, """
                ## End-to-end latency (%d s per rate, open loop, %d tools, one event per POST)

                From each event's intended send time to its arrival at a TLS QoS 1 subscriber on `nemo/tools/+/enabled`.
                `stack`: POST /api/v1/events -> event-emitter -> PostgreSQL outbox -> Redis stream -> mqtt-bridge -> Mosquitto.
                `broker`: a plain Vert.x MQTT publisher (QoS 1, TLS) straight to the same broker (the baseline).

                `sent/s`: the load generator's achieved send rate; `accepted/s`: accepted / (last 202 - start); `delivered/s`: received / (last arrival - start).
                `answer p50 / p99`: from the intended send time to the answer (stack: the 202, sent after the commit; broker: the publish written),
                so what the arrival adds after it is the relay, Redis, the bridge and the broker.
                `accepted`: 202 answers (broker: publishes written); `undelivered`: not at the subscriber %d s after
                the last send. Those are counted in the percentiles with the time waited so far (a lower bound),
                so the percentiles never leave out the slowest events.

                """, seconds, tools, drainSeconds));
        md.append(table.markdown());
        cpu(md, runs);
        JsonObject jsonFootprint = footprint(md, footprint);
        md.append(String.format(
                Locale.ROOT,
                """

                - startup: Quarkus' own "started in" from each service's log; the three start in parallel
                %s
                - chart: bench-latency.png
                """,
                BenchReport.machine("PostgreSQL, Redis, Mosquitto, the three services and the load generator")));
        JsonObject json = new JsonObject()
                .put("seconds_per_rate", seconds)
                .put("drain_seconds", drainSeconds)
                .put("tools", tools)
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("runs", jsonRuns)
                .put("footprint", jsonFootprint);
        LatencyChart.write(out.resolve("bench-latency.png"), runs);
        BenchReport.write(out, "latency", md.toString(), json);
    }

    /**
     * Appends the CPU each process used per event from the first send until all had arrived (ms, from the OS's
     * accounting: what a rate costs, apart from how fast the noisy machine ran it) and how busy the
     * machine was; a machine near 100% busy queues every process, and the percentiles with it.
     */
    private static void cpu(StringBuilder md, List<PathRun> runs) {
        List<String> processes = List.copyOf(runs.get(0).cpuPerEvent().keySet());
        md.append(
                        "\n## CPU per event (ms, by process, from the first send until all arrived) and the machine's busy share\n\n| path | target/s | ")
                .append(String.join(" | ", processes))
                .append(" | machine busy |\n| --- | ---: |")
                .append(" ---: |".repeat(processes.size() + 1))
                .append('\n');
        for (PathRun r : runs) {
            md.append("| ")
                    .append(r.path())
                    .append(" | ")
                    .append(r.targetRate())
                    .append(" | ");
            for (String process : processes) {
                md.append(String.format(Locale.ROOT, "%.3f | ", r.cpuPerEvent().getOrDefault(process, 0.0)));
            }
            md.append(String.format(Locale.ROOT, "%.0f%% |%n", r.machineBusy() * 100));
        }
    }

    /** Appends the footprint table to {@code md}; returns it as JSON. */
    private static JsonObject footprint(StringBuilder md, Footprint f) {
        md.append("""

                ## Footprint (JVM as deploy/local/run.sh started it: %s)

                | service | pid | startup to ready s | RSS idle MiB | RSS after heaviest rate MiB | goal: ready < %.0f s, RSS < %.0f MiB |
                | --- | ---: | ---: | ---: | ---: | ---: |
                """.formatted(f.jvm(), Goals.READY_SECONDS, Goals.RSS_MIB));
        JsonObject json = new JsonObject().put("jvm", f.jvm());
        for (String service : StackFootprint.SERVICES) {
            long idle = f.idleRss().getOrDefault(service, 0L);
            long load = f.loadRss().getOrDefault(service, 0L);
            double ready = f.startup().get(service);
            boolean met = Goals.footprintMet(ready, Math.max(idle, load) / 1024.0);
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.3f | %.0f | %.0f | %s |%n",
                    service,
                    f.pids().get(service),
                    ready,
                    idle / 1024.0,
                    load / 1024.0,
                    Goals.verdict(met)));
            json.put(
                    service,
                    new JsonObject()
                            .put("startup_s", ready)
                            .put("rss_idle_kib", idle)
                            .put("rss_load_kib", load)
                            .put("goal_met", met));
        }
        return json;
    }

    private static double round(double v, int scale) {
        return Math.round(v * scale) / (double) scale;
    }
}
