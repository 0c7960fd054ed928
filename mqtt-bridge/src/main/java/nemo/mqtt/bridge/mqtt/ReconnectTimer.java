package nemo.mqtt.bridge.mqtt;

import io.vertx.core.Vertx;
import nemo.mqtt.bridge.Backoff;

/**
 * The one pending reconnect of a {@link BrokerConnection}, after a backoff delay. Scheduling while
 * one is pending keeps that one; a connection that is adopted cancels it, so a reconnect planned
 * before new settings replaced the connection never fires on their behalf.
 */
final class ReconnectTimer {

    private final Vertx vertx;
    private final Backoff backoff;
    private final Runnable reconnect;
    private long timer = -1;

    ReconnectTimer(Vertx vertx, Backoff backoff, Runnable reconnect) {
        this.vertx = vertx;
        this.backoff = backoff;
        this.reconnect = reconnect;
    }

    synchronized void schedule() {
        if (timer < 0) {
            timer = vertx.setTimer(backoff.next().toMillis(), this::fire);
        }
    }

    /** Drops the pending reconnect, if any, and starts the backoff over. */
    synchronized void cancel() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        backoff.reset();
    }

    private void fire(long id) {
        synchronized (this) {
            if (timer != id) {
                return; // cancelled as it fired
            }
            timer = -1;
        }
        reconnect.run();
    }
}
