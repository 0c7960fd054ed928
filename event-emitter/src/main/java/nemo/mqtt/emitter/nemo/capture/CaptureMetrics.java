package nemo.mqtt.emitter.nemo.capture;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The capture's meters: {@code nemo.capture.changes} (counter by NEMO table),
 * {@code nemo.capture.lag.seconds} (NEMO's commit to the emitter's commit, of the last change;
 * 0 once a heartbeat shows nothing is waiting), {@code nemo.capture.lag.bytes} (WAL NEMO keeps for
 * the slot beyond the confirmed position), {@code nemo.capture.last.change.age.seconds},
 * {@code nemo.capture.slot.lost} (1 when the slot was invalidated or vanished) and
 * {@code nemo.capture.running} (1 on the replica whose engine streams).
 */
@ApplicationScoped
public class CaptureMetrics {

    private final MeterRegistry registry;
    private volatile double lagSeconds;
    private volatile double lagBytes;
    private volatile Instant lastChange;
    private volatile boolean slotLost;
    private volatile boolean running;

    CaptureMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("nemo.capture.lag.seconds", this, m -> m.lagSeconds);
        registry.gauge("nemo.capture.lag.bytes", this, m -> m.lagBytes);
        registry.gauge(
                "nemo.capture.last.change.age.seconds",
                this,
                m -> m.lastChange == null
                        ? Double.NaN
                        : Duration.between(m.lastChange, Instant.now()).toMillis() / 1000.0);
        registry.gauge("nemo.capture.slot.lost", this, m -> m.slotLost ? 1 : 0);
        registry.gauge("nemo.capture.running", this, m -> m.running ? 1 : 0);
    }

    /** A committed batch: counts its changes by table and takes the lag of the newest one. */
    void committed(List<NemoChange> changes) {
        Instant now = Instant.now();
        if (changes.isEmpty()) {
            lagSeconds = 0; // a heartbeat only: nothing was waiting
            return;
        }
        for (NemoChange change : changes) {
            registry.counter("nemo.capture.changes", "table", change.table()).increment();
        }
        lagSeconds = Math.max(
                0,
                Duration.between(changes.get(changes.size() - 1).committedAt(), now)
                                .toMillis()
                        / 1000.0);
        lastChange = now;
    }

    void slot(boolean lost, long bytesBehind) {
        slotLost = lost;
        lagBytes = bytesBehind;
    }

    void running(boolean value) {
        running = value;
    }

    public double lagSeconds() {
        return lagSeconds;
    }

    public double lagBytes() {
        return lagBytes;
    }
}
