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
 * Each process is counted by its own difference between two readings; one that ended in between
 * counts through its tree root's reaped-children time.
 */
final class CpuTime {

    /** Linux's USER_HZ, the unit of /proc's CPU times. */
    static final double TICKS_PER_SECOND = 100;

    private final Map<String, Supplier<Stream<ProcessHandle>>> processes = new LinkedHashMap<>();
    private final Map<String, Long> roots = new LinkedHashMap<>();

    /** Counts {@code pid} and all its descendants (a server and its workers, also those that exited) as {@code name}. */
    CpuTime tree(String name, long pid) {
        roots.put(name, pid);
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

    /**
     * CPU used so far, in ms, per name and per process: each process's own time, and for a tree's root
     * also the time of its children that exited and were reaped (a PostgreSQL backend that closed, an
     * autovacuum worker, Redis's rewrite child: {@code /proc/<pid>/stat}'s cutime and cstime).
     */
    Map<String, Map<Long, Double>> read() {
        Map<String, Map<Long, Double>> used = new LinkedHashMap<>();
        processes.forEach((name, handles) -> {
            Map<Long, Double> byProcess = new LinkedHashMap<>();
            handles.get()
                    .forEach(p -> byProcess.put(
                            p.pid(),
                            p.info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e6));
            // under the root's negated pid: no process has that id
            Long root = roots.get(name);
            if (root != null) {
                byProcess.put(-root, reapedChildrenMs(root));
            }
            used.put(name, byProcess);
        });
        return used;
    }

    /** cutime + cstime of {@code pid} in ms (0 where there is no /proc). */
    private static double reapedChildrenMs(long pid) {
        try {
            String[] fields = statFields(Files.readString(Path.of("/proc/" + pid + "/stat")));
            // state is field 3, so cutime (16) and cstime (17) are at 13 and 14
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * 1000.0 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /**
     * The fields of the text of a /proc {@code stat} file (a process's or a thread's) after "pid (comm) ",
     * which start with the state (field 3 in proc(5)); the name may hold spaces and parentheses.
     */
    static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    /**
     * CPU ms per operation per name between two {@link #read}s ({@code before}, {@code after}) over
     * {@code operations}, followed by their sum as "total": per process, what it used in between (all
     * of it for a process that started in between). A process that ended in between counts through the
     * reaped-children time of its tree's root, so exactly where the root was its parent (PostgreSQL's
     * backends and workers are its postmaster's children).
     */
    static Map<String, Double> perOperation(
            Map<String, Map<Long, Double>> before, Map<String, Map<Long, Double>> after, long operations) {
        Map<String, Double> per = new LinkedHashMap<>();
        double total = 0;
        for (var entry : after.entrySet()) {
            Map<Long, Double> earlier = before.getOrDefault(entry.getKey(), Map.of());
            double used = 0;
            for (var process : entry.getValue().entrySet()) {
                used += process.getValue() - earlier.getOrDefault(process.getKey(), 0.0);
            }
            // one that ended: its whole time is in the root's reaped-children time now, its time before
            // the first reading is not part of the interval
            for (var process : earlier.entrySet()) {
                if (!entry.getValue().containsKey(process.getKey())) {
                    used -= process.getValue();
                }
            }
            double ms = used / Math.max(1, operations);
            per.put(entry.getKey(), ms);
            total += ms;
        }
        per.put("total", total);
        return per;
    }
}
