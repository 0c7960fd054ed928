package nemo.mqtt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * CPU used by a JVM's JIT compiler threads (HotSpot names them "C1 CompilerThreadN" and "C2
 * CompilerThreadN", cut to 15 characters in {@code /proc/<pid>/task/<tid>/comm}), to tell when a
 * JVM has compiled its hot paths: on 2 cores the emitter's C2 compiles for more than a minute under
 * the ingest load, and a run measured then would measure the compiler.
 */
final class JitCompilerTime {

    /** The share of one core a JVM's compiler threads may use over a window for its JIT to count as quiet. */
    static final double QUIET_SHARE = 0.03;

    private JitCompilerTime() {}

    /**
     * User + system CPU ms the compiler threads of {@code pid} have used so far (those alive now; a
     * thread that ended in between makes a second reading smaller); NaN where there is no such process,
     * no /proc, or no thread named as HotSpot's compiler threads are.
     */
    static double millis(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            List<Path> compilers =
                    tasks.filter(task -> isCompiler(read(task.resolve("comm")))).toList();
            return compilers.isEmpty()
                    ? Double.NaN
                    : compilers.stream()
                            .mapToDouble(task -> cpuMillis(read(task.resolve("stat"))))
                            .sum();
        } catch (IOException | RuntimeException gone) {
            return Double.NaN;
        }
    }

    /**
     * Whether compiler threads that used {@code usedMillis} over {@code window} were quiet: under
     * {@link #QUIET_SHARE} of one core. False for a negative or NaN reading (a thread ended, nothing found).
     */
    static boolean quiet(double usedMillis, Duration window) {
        return usedMillis >= 0 && usedMillis < QUIET_SHARE * window.toMillis();
    }

    /**
     * Waits until the compiler threads of {@code pid} were {@link #quiet} over a {@code window}, at
     * most {@code atMost}; true when they were. For a JVM that is not under load (this load generator
     * between phases): its queued compilations finish.
     */
    static boolean awaitQuiet(long pid, Duration window, Duration atMost) {
        AtomicReference<Double> last = new AtomicReference<>(millis(pid));
        try {
            Awaitility.await()
                    .atMost(atMost)
                    .pollDelay(window)
                    .pollInterval(window)
                    .until(() -> {
                        double now = millis(pid);
                        return quiet(now - last.getAndSet(now), window);
                    });
            return true;
        } catch (ConditionTimeoutException stillCompiling) {
            return false;
        }
    }

    /** Whether a thread's {@code comm} (its name, up to 15 characters) is one of HotSpot's compiler threads. */
    static boolean isCompiler(String comm) {
        return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
    }

    /** utime + stime in ms from the text of a thread's {@code stat} file (proc(5): fields 14 and 15, in ticks). */
    static double cpuMillis(String stat) {
        String[] fields = CpuTime.statFields(stat);
        // the fields after "tid (comm) " start with the state, field 3
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000.0 / CpuTime.TICKS_PER_SECOND;
    }

    /** The file's text, or "" when it is gone (a thread that ended between the listing and the reading). */
    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException gone) {
            return "";
        }
    }
}
