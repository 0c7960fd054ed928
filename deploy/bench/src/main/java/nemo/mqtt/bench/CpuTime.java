package nemo.mqtt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CPU time (user + system, as the OS accounts it through {@link ProcessHandle}) used by named
 * processes, to tell what an operation costs apart from how fast a noisy machine ran it: on a shared
 * 2-core VM a run's rate moves by half between identical runs, its CPU per operation far less.
 * A process that starts and ends between two readings (an autovacuum worker) is not counted.
 */
final class CpuTime {

    private final Map<String, Supplier<Stream<ProcessHandle>>> processes = new LinkedHashMap<>();

    /** Counts {@code pid} and all its descendants (a server and its workers) as {@code name}. */
    CpuTime tree(String name, long pid) {
        processes.put(
                name,
                () -> ProcessHandle.of(pid).stream()
                        .flatMap(root -> Stream.concat(Stream.of(root), root.descendants())));
        return this;
    }

    /** Counts this JVM alone (not the services it started) as {@code name}. */
    CpuTime self(String name) {
        processes.put(name, () -> Stream.of(ProcessHandle.current()));
        return this;
    }

    /**
     * The machine's busy share of all its cores, from two readings of {@code /proc/stat}'s first line
     * ({@link #machineTicks}): 1.0 when no core was ever idle (or waiting for I/O) in between.
     */
    static double machineBusy(long[] before, long[] after) {
        double busy = after[0] - before[0];
        double all = after[1] - before[1];
        return all == 0 ? 0 : busy / all;
    }

    /** {busy, all} clock ticks of every core so far ({@code /proc/stat}; zeros where there is none). */
    static long[] machineTicks() {
        try {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long all = 0;
            long idle = 0;
            for (int i = 1; i < fields.length; i++) {
                long ticks = Long.parseLong(fields[i]);
                if (i <= 8) { // user nice system idle iowait irq softirq steal (guest time is in user already)
                    all += ticks;
                }
                if (i == 4 || i == 5) {
                    idle += ticks;
                }
            }
            return new long[] {all - idle, all};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** CPU used so far per name, in ms. */
    Map<String, Double> read() {
        Map<String, Double> used = new LinkedHashMap<>();
        processes.forEach((name, handles) -> used.put(
                name,
                handles.get()
                                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                                .reduce(Duration.ZERO, Duration::plus)
                                .toNanos()
                        / 1e6));
        return used;
    }

    /**
     * CPU ms per operation per name between two {@link #read}s ({@code before}, {@code after}) over
     * {@code operations}, followed by their sum as "total".
     */
    static Map<String, Double> perOperation(Map<String, Double> before, Map<String, Double> after, long operations) {
        Map<String, Double> per = new LinkedHashMap<>();
        double total = 0;
        for (var entry : after.entrySet()) {
            double ms = (entry.getValue() - before.getOrDefault(entry.getKey(), 0.0)) / Math.max(1, operations);
            per.put(entry.getKey(), ms);
            total += ms;
        }
        per.put("total", total);
        return per;
    }
}
