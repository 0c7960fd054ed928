package nemo.mqtt.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class JitCompilerTimeTest {

    @Test
    void readsUserAndSystemTimeOfAThreadsStatInMilliseconds() {
        // a name with ") " in it; utime 250 and stime 50 ticks, then cutime 7 and cstime 9 (not a thread's own)
        String stat = "4242 (a) b) c) S 1 2 3 4 5 6 7 8 9 10 250 50 7 9 20 0 1 0 123 456 789\n";

        assertEquals(3000.0, JitCompilerTime.cpuMillis(stat), 1e-9);
    }

    @Test
    void knowsHotSpotsCompilerThreadsByName() {
        assertTrue(JitCompilerTime.isCompiler("C1 CompilerThre\n"));
        assertTrue(JitCompilerTime.isCompiler("C2 CompilerThre\n"));
        assertFalse(JitCompilerTime.isCompiler("vert.x-eventloo\n"));
        assertFalse(JitCompilerTime.isCompiler("VM Thread\n"));
    }

    @Test
    void quietIsUnderThreePercentOfACoreOverTheWindow() {
        Duration tenSeconds = Duration.ofSeconds(10);

        assertTrue(JitCompilerTime.quiet(290, tenSeconds));
        assertFalse(JitCompilerTime.quiet(300, tenSeconds));
        assertFalse(JitCompilerTime.quiet(-10, tenSeconds), "a compiler thread that ended");
        assertFalse(JitCompilerTime.quiet(Double.NaN, tenSeconds), "nothing measured");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void findsTheCompilerThreadsOfThisJvm() {
        assumeTrue(ManagementFactory.getCompilationMXBean().getTotalCompilationTime() > 0, "nothing compiled yet");

        // starting JUnit has the JIT compile hundreds of methods: its threads have run for some ticks
        double compilers = JitCompilerTime.millis(ProcessHandle.current().pid());

        assertTrue(compilers > 0, "the compiler threads' CPU was not found (" + compilers + " ms)");
    }

    @Test
    void aProcessThatIsNotThereHasNoCompilerTime() {
        long none = Long.MAX_VALUE; // above any pid_max
        assertTrue(Double.isNaN(JitCompilerTime.millis(none)));
    }
}
