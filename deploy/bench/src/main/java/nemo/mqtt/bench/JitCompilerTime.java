package nemo.mqtt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * CPU used by a JVM's JIT compiler threads (HotSpot names them "C1 CompilerThreadN" and "C2
 * CompilerThreadN", cut to 15 characters in {@code /proc/<pid>/task/<tid>/comm}), to tell when a
 * service under load has compiled its hot paths: on 2 cores the emitter's C2 compiles for more than a
 * minute under the ingest load, and a run measured then would measure the compiler.
 */
final class JitCompilerTime {

    private JitCompilerTime() {}

    /**
     * User + system CPU ms the compiler threads of {@code pid} have used so far (those alive now; the
     * JVM may start and stop some, so two readings can also differ by a thread that ended); 0 where
     * there is no /proc.
     */
    static double millis(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return tasks.filter(JitCompilerTime::isCompiler)
                    .mapToDouble(JitCompilerTime::cpuMillis)
                    .sum();
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /**
     * Waits until the compiler threads of {@code pid} used under {@code share} of one core over a
     * {@code window}, at most {@code atMost}; true when they did. For a JVM that is not under load
     * (this load generator between phases): its queued compilations finish.
     */
    static boolean awaitQuiet(long pid, Duration window, double share, Duration atMost) {
        AtomicReference<Double> last = new AtomicReference<>(millis(pid));
        try {
            Awaitility.await()
                    .atMost(atMost)
                    .pollDelay(window)
                    .pollInterval(window)
                    .until(() -> {
                        double now = millis(pid);
                        double used = now - last.getAndSet(now);
                        return used >= 0 && used < share * window.toMillis();
                    });
            return true;
        } catch (ConditionTimeoutException stillCompiling) {
            return false;
        }
    }

    private static boolean isCompiler(Path task) {
        try {
            return Files.readString(task.resolve("comm")).contains("CompilerThre");
        } catch (IOException gone) {
            return false;
        }
    }

    private static double cpuMillis(Path task) {
        try {
            String[] fields = CpuTime.statFields(task.resolve("stat"));
            // state is field 3, so utime (14) and stime (15) are at 11 and 12
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000.0 / CpuTime.TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
