package nemo.mqtt.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CpuTimeTest {

    @Test
    void perOperationDividesEachProcessesCpuByTheOperationsAndAddsATotal() {
        Map<String, Map<Long, Double>> before = new LinkedHashMap<>();
        before.put("PostgreSQL", Map.of(10L, 100.0, 11L, 40.0, -10L, 0.0));
        before.put("event-emitter", Map.of(20L, 50.0));
        Map<String, Map<Long, Double>> after = new LinkedHashMap<>();
        // backend 11 ended (its 60 ms in all now in the postmaster's reaped time), backend 12 started
        after.put("PostgreSQL", Map.of(10L, 300.0, 12L, 30.0, -10L, 60.0));
        after.put("event-emitter", Map.of(20L, 250.0));

        Map<String, Double> per = CpuTime.perOperation(before, after, 1000);

        assertEquals(List.of("PostgreSQL", "event-emitter", "total"), List.copyOf(per.keySet()));
        assertEquals((200 + 30 + 20) / 1000.0, per.get("PostgreSQL"), 1e-9);
        assertEquals(0.2, per.get("event-emitter"), 1e-9);
        assertEquals(0.45, per.get("total"), 1e-9);
    }

    @Test
    void machineBusyIsTheShareOfTicksNotIdle() {
        assertEquals(0.75, CpuTime.machineBusy(new long[] {100, 200}, new long[] {175, 300}), 1e-9);
        assertEquals(0.0, CpuTime.machineBusy(new long[] {0, 0}, new long[] {0, 0}));
    }

    @Test
    void readsTheCpuThisJvmUses() {
        CpuTime cpu = new CpuTime().self("this test");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double before = total(cpu.read().get("this test"));
        // spin until this thread itself has run 150 ms (wall time would depend on how busy the machine is)
        long start = threads.getCurrentThreadCpuTime();
        long spin = 0;
        while (threads.getCurrentThreadCpuTime() - start < 150_000_000L) {
            spin += Long.numberOfTrailingZeros(spin + System.nanoTime());
        }
        double used = total(cpu.read().get("this test")) - before;
        // the process ran at least its thread's 150 ms; /proc counts in 10 ms ticks
        assertTrue(used >= 130, "150 ms of this thread's CPU, the JVM's counted " + used + " ms (" + spin + ")");
    }

    @Test
    void readsAProcessTreeIncludingItsChildren() throws Exception {
        Process shell = new ProcessBuilder(
                        "sh", "-c", "sh -c 'i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; sleep 30' & wait")
                .start();
        try {
            CpuTime cpu = new CpuTime().tree("shell", shell.pid());
            // the root only waits: what it shows is its child's loop
            await("the child's CPU counted")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> total(cpu.read().get("shell")) >= 50);
        } finally {
            destroy(shell);
        }
    }

    @Test
    void aChildThatEndedBetweenTwoReadingsIsStillCounted() throws Exception {
        Process shell = new ProcessBuilder(
                        "sh", "-c", "read go; sh -c 'i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done'; sleep 30")
                .start();
        try {
            CpuTime cpu = new CpuTime().tree("shell", shell.pid());
            Map<String, Map<Long, Double>> before = cpu.read();
            shell.getOutputStream().write('\n');
            shell.getOutputStream().flush();
            // the loop's process has ended once only the root and its sleep are left
            await("the loop ended")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> shell.descendants()
                            .allMatch(p -> p.info().command().orElse("").endsWith("sleep")));
            double perOperation = CpuTime.perOperation(before, cpu.read(), 1).get("shell");
            assertTrue(perOperation >= 50, "the ended loop's CPU is counted: " + perOperation + " ms");
        } finally {
            destroy(shell);
        }
    }

    private static void destroy(Process shell) {
        shell.descendants().forEach(ProcessHandle::destroyForcibly);
        shell.destroyForcibly();
    }

    private static double total(Map<Long, Double> byProcess) {
        return byProcess.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
