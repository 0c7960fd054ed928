package nemo.mqtt.bridge.mqtt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import nemo.mqtt.bridge.BridgeConfig;

/**
 * Bounds the publishes awaiting PUBACK across all shards of this replica. Readers reserve permits
 * before reading, so they never read more than the broker may take; each permit returns when its
 * publish is confirmed or abandoned.
 */
@ApplicationScoped
public class PublishWindow {

    private record Waiter(int max, UniEmitter<? super Integer> emitter) {
    }

    private final int size;
    private final Deque<Waiter> waiters = new ArrayDeque<>();
    private int used;

    PublishWindow(BridgeConfig config, MeterRegistry registry) {
        this.size = config.broker().inFlightWindow();
        Gauge.builder("nemo.bridge.in.flight", this, PublishWindow::used).register(registry);
    }

    /** Up to {@code max} permits, at least one; waits while the window is full. */
    public Uni<Integer> reserve(int max) {
        return Uni.createFrom().emitter(emitter -> {
            int granted;
            synchronized (this) {
                granted = Math.min(max, size - used);
                if (granted > 0) {
                    used += granted;
                } else {
                    waiters.add(new Waiter(max, emitter));
                }
            }
            if (granted > 0) {
                emitter.complete(granted);
            }
        });
    }

    public void release(int permits) {
        if (permits <= 0) {
            return;
        }
        List<Runnable> grants = new ArrayList<>();
        synchronized (this) {
            used -= permits;
            while (!waiters.isEmpty() && used < size) {
                Waiter waiter = waiters.poll();
                int granted = Math.min(waiter.max(), size - used);
                used += granted;
                grants.add(() -> waiter.emitter().complete(granted));
            }
        }
        grants.forEach(Runnable::run);
    }

    public synchronized int used() {
        return used;
    }
}
