package nemo.mqtt.bridge.mqtt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

import nemo.mqtt.bridge.BridgeConfig;

/**
 * Bounds the publishes awaiting PUBACK across all shards of this replica. Each publish takes a
 * permit first, waiting in FIFO order while the window is full; the permit returns when the
 * publish is confirmed or abandoned.
 */
// @Singleton: used for every message, and a client proxy would look the instance up on every call
@Singleton
public class PublishWindow {

    private int size;
    private final Deque<UniEmitter<? super Void>> waiters = new ArrayDeque<>();
    private int used;

    PublishWindow(BridgeConfig config, MeterRegistry registry) {
        this.size = config.broker().inFlightWindow();
        Gauge.builder("nemo.bridge.in.flight", this, PublishWindow::used).register(registry);
    }

    public Uni<Void> acquire() {
        return Uni.createFrom().emitter(emitter -> {
            synchronized (this) {
                if (used >= size) {
                    waiters.add(emitter);
                    return;
                }
                used++;
            }
            emitter.complete(null);
        });
    }

    public void release() {
        UniEmitter<? super Void> next;
        synchronized (this) {
            next = waiters.poll();
            if (next == null) {
                used--;
                return;
            }
            // the permit passes straight to the next waiter
        }
        next.complete(null);
    }

    /** New settings may change the window; waiters get the room a larger one makes. */
    public void resize(int newSize) {
        List<UniEmitter<? super Void>> granted = new ArrayList<>();
        synchronized (this) {
            size = Math.max(1, newSize);
            while (used < size && !waiters.isEmpty()) {
                used++;
                granted.add(waiters.poll());
            }
        }
        granted.forEach(emitter -> emitter.complete(null));
    }

    public synchronized int used() {
        return used;
    }
}
