package nemo.mqtt.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CpuTimeTest {

    @Test
    void perOperationDividesEachProcessesCpuByTheOperationsAndAddsATotal() {
        Map<String, Double> before = new LinkedHashMap<>(Map.of("PostgreSQL", 100.0));
        before.put("event-emitter", 50.0);
        Map<String, Double> after = new LinkedHashMap<>();
        after.put("PostgreSQL", 400.0);
        after.put("event-emitter", 250.0);

        Map<String, Double> per = CpuTime.perOperation(before, after, 1000);

        assertEquals(List.of("PostgreSQL", "event-emitter", "total"), List.copyOf(per.keySet()));
        assertEquals(0.3, per.get("PostgreSQL"), 1e-9);
        assertEquals(0.2, per.get("event-emitter"), 1e-9);
        assertEquals(0.5, per.get("total"), 1e-9);
    }

    @Test
    void machineBusyIsTheShareOfTicksNotIdle() {
        assertEquals(0.75, CpuTime.machineBusy(new long[] {100, 200}, new long[] {175, 300}), 1e-9);
        assertEquals(0.0, CpuTime.machineBusy(new long[] {0, 0}, new long[] {0, 0}));
    }

    @Test
    void readsTheCpuThisJvmUses() {
        CpuTime cpu = new CpuTime().self("this test");
        double before = cpu.read().get("this test");
        long until = System.nanoTime() + 200_000_000L;
        long spin = 0;
        while (System.nanoTime() < until) {
            spin += Long.numberOfTrailingZeros(spin + System.nanoTime());
        }
        double used = cpu.read().get("this test") - before;
        assertTrue(used >= 100, "200 ms of spinning used " + used + " ms of CPU (" + spin + ")");
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
                    .until(() -> cpu.read().get("shell") >= 50);
        } finally {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }
    }
}
