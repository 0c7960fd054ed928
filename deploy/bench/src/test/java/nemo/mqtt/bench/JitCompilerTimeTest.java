package nemo.mqtt.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class JitCompilerTimeTest {

    @Test
    void countsTheCompilerThreadsOfThisJvm() {
        long pid = ProcessHandle.current().pid();
        double compilers = JitCompilerTime.millis(pid);
        double process = ProcessHandle.current()
                        .info()
                        .totalCpuDuration()
                        .orElse(Duration.ZERO)
                        .toNanos()
                / 1e6;
        // starting JUnit has the JIT compile hundreds of methods: its threads have run for some ticks
        assertTrue(
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime() > 0,
                "this JVM compiled nothing yet");
        assertTrue(compilers > 0, "the compiler threads' CPU was not found (" + compilers + " ms)");
        assertTrue(compilers <= process + 10, compilers + " ms of compiling, " + process + " ms for the whole JVM");
    }

    @Test
    void aProcessThatIsGoneHasUsedNothing() {
        assertEquals(0.0, JitCompilerTime.millis(Long.MAX_VALUE));
    }
}
