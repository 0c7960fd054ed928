package nemo.mqtt.bridge.mqtt;

import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * At most one reconnect attempt at a time, and a way to wait until none is under way: two attempts
 * with the same client id would take the broker session from each other, and so would a trial of
 * new settings started while an attempt with the old ones is still connecting.
 */
final class AttemptGate {

    private final List<UniEmitter<? super Void>> waiters = new ArrayList<>();
    private boolean underWay;

    /** @return true if the caller may start an attempt (none was under way); it must call {@link #end()}. */
    synchronized boolean tryBegin() {
        if (underWay) {
            return false;
        }
        underWay = true;
        return true;
    }

    /** Ends the attempt under way and lets those waiting for it go on. */
    void end() {
        List<UniEmitter<? super Void>> waiting;
        synchronized (this) {
            underWay = false;
            waiting = new ArrayList<>(waiters);
            waiters.clear();
        }
        waiting.forEach(emitter -> emitter.complete(null));
    }

    /** @return completes once no attempt is under way (at once if none is). */
    Uni<Void> ended() {
        return Uni.createFrom().emitter(emitter -> {
            synchronized (this) {
                if (underWay) {
                    waiters.add(emitter);
                    return;
                }
            }
            emitter.complete(null);
        });
    }
}
