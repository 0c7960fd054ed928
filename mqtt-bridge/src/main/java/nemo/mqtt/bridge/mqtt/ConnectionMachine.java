package nemo.mqtt.bridge.mqtt;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import nemo.mqtt.bridge.Backoff;
import nemo.mqtt.bridge.mqtt.PendingTrials.Trial;
import nemo.mqtt.bridge.settings.BrokerSettings;

/**
 * The broker connection's state: one {@link Phase}, changed only in {@link #enter(Phase)} and
 * only on one Vert.x context, as SmallRye's MQTT client session does it; every event (start, stop,
 * an attempt's outcome, the backoff elapsing, a lost connection, a trial of new settings) hops onto
 * that context first. Two clients with the same client id take the broker session from each other,
 * so at most one attempt (a reconnect with the current settings, or a trial of new ones) is under
 * way at any time: a trial asked for during a reconnect waits for its outcome, no reconnect starts
 * during a trial, and a lost connection that a trial replaced reconnects no more.
 */
final class ConnectionMachine {

    enum Phase {
        /** Not started, or stopped: nothing connects, and late outcomes are thrown away. */
        STOPPED,
        /** One attempt with the current settings is under way. */
        CONNECTING,
        /** Waiting out the backoff delay before the next attempt. */
        BACKING_OFF,
        /** The current connection is open. */
        CONNECTED,
        /** New settings are tried on a second connection; the current one, while open, serves until they are accepted. */
        TRYING
    }

    private final Vertx vertx;
    private final Context context;
    private final ConnectAttempt connector;
    private final Backoff backoff;
    private final CurrentSession current;
    private final ConnectionEffects effects;
    /** Trials asked for while an attempt was under way. */
    private final PendingTrials waiting = new PendingTrials();

    private volatile Phase phase = Phase.STOPPED;
    /** The settings of the current (or last good) connection; read anywhere, written on the context. */
    private volatile BrokerSettings settings;
    /** The trial under way in {@link Phase#TRYING}. */
    private Trial trial;
    /** The pending backoff timer in {@link Phase#BACKING_OFF}, else -1. */
    private long timer = -1;
    /** Numbers attempts with the current settings, so an outcome from before a stop is recognized. */
    private long attempt;

    ConnectionMachine(
            Vertx vertx,
            Context context,
            ConnectAttempt connector,
            Backoff backoff,
            CurrentSession current,
            BrokerSettings initial,
            ConnectionEffects effects) {
        this.vertx = vertx;
        this.context = context;
        this.connector = connector;
        this.backoff = backoff;
        this.current = current;
        this.settings = initial;
        this.effects = effects;
    }

    /** The current phase (read anywhere; a test's view of the machine). */
    Phase phase() {
        return phase;
    }

    BrokerSettings settings() {
        return settings;
    }

    void start() {
        onContext(() -> {
            if (phase == Phase.STOPPED) {
                enter(Phase.CONNECTING);
            }
        });
    }

    /** Stops connecting and answers waiting trials with false; completes with the connection that was current, or null. */
    Uni<BrokerSession> stop() {
        return Uni.createFrom()
                .emitter(emitter -> onContext(() -> {
                    enter(Phase.STOPPED);
                    waiting.refuseAll();
                    emitter.complete(current.take());
                }));
    }

    /** Tries {@code next} on a second connection once no attempt is under way; true if the broker accepted it. */
    Uni<Boolean> apply(BrokerSettings next) {
        return Uni.createFrom()
                .emitter(answer -> onContext(() -> {
                    Trial asked = new Trial(next, answer);
                    switch (phase) {
                        case STOPPED -> answer.complete(false);
                        case CONNECTING, TRYING -> waiting.add(asked);
                        case BACKING_OFF, CONNECTED -> startTrial(asked);
                    }
                }));
    }

    /** The one place the phase changes, with what entering each phase does. */
    private void enter(Phase next) {
        if (phase == Phase.BACKING_OFF && timer >= 0) {
            vertx.cancelTimer(timer); // a reconnect planned before: firing later it could only race
            timer = -1;
        }
        phase = next;
        switch (next) {
            case CONNECTING -> connect();
            case BACKING_OFF -> timer = vertx.setTimer(backoff.next().toMillis(), this::backoffElapsed);
            case CONNECTED -> backoff.reset();
            case TRYING -> tryTrial();
            case STOPPED -> attempt++; // an attempt under way is thrown away when it ends
        }
        if ((phase == Phase.CONNECTED || phase == Phase.BACKING_OFF) && !waiting.isEmpty()) {
            startTrial(waiting.poll());
        }
    }

    /** Attempts a connection with the current settings; an outcome after a stop is thrown away. */
    private void connect() {
        long number = ++attempt;
        BrokerSettings with = settings;
        connector
                .connect(with)
                .subscribe()
                .with(
                        connected -> onContext(() -> {
                            if (phase == Phase.CONNECTING && number == attempt) {
                                adopt(connected, with, false);
                            } else {
                                ConnectAttempt.disconnect(connected.client());
                            }
                        }),
                        failure -> onContext(() -> {
                            if (phase == Phase.CONNECTING && number == attempt) {
                                effects.unreachable(failure);
                                enter(Phase.BACKING_OFF);
                            }
                        }));
    }

    private void backoffElapsed(long id) {
        onContext(() -> {
            if (phase == Phase.BACKING_OFF && timer == id) {
                timer = -1;
                enter(Phase.CONNECTING);
            }
        });
    }

    /**
     * The connection {@code lostSession} closed. While it was current and connected, reconnect
     * after the backoff; during a trial the broker drops it when the trial takes its session over
     * (same client id), and the trial's outcome decides what connects next.
     */
    private void lost(BrokerSession lostSession) {
        boolean wasCurrent = current.forget(lostSession);
        lostSession.closed(); // its unconfirmed publishes stay pending, to go again in order
        if (wasCurrent && phase == Phase.CONNECTED) {
            effects.lost(lostSession);
            enter(Phase.BACKING_OFF);
        }
    }

    private void startTrial(Trial next) {
        trial = next;
        enter(Phase.TRYING);
    }

    private void tryTrial() {
        Trial trying = trial;
        connector
                .connect(trying.settings())
                .subscribe()
                .with(
                        connected -> onContext(() -> trialConnected(trying, connected)),
                        failure -> onContext(() -> trialFailed(trying, failure)));
    }

    private void trialConnected(Trial trying, ConnectAttempt.Connected connected) {
        if (phase != Phase.TRYING || trial != trying) {
            ConnectAttempt.disconnect(connected.client()); // stopped meanwhile
            trying.answer().complete(false);
            return;
        }
        trial = null;
        adopt(connected, trying.settings(), true);
        trying.answer().complete(true);
    }

    private void trialFailed(Trial trying, Throwable failure) {
        if (phase != Phase.TRYING || trial != trying) {
            trying.answer().complete(false);
            return;
        }
        trial = null;
        effects.refused(trying.settings(), failure);
        enter(current.isOpen() ? Phase.CONNECTED : Phase.CONNECTING); // reconnect if lost meanwhile
        trying.answer().complete(false);
    }

    /**
     * Makes {@code connected} the current connection, made {@code with} these settings, and enters
     * {@link Phase#CONNECTED}; a replaced connection is closed. A connection that closed before
     * its close handler was set counts as lost at once.
     */
    private void adopt(ConnectAttempt.Connected connected, BrokerSettings with, boolean trial) {
        BrokerSettings before = settings;
        BrokerSession previous = current.get();
        BrokerSession opened = current.open(connected.client(), with);
        settings = with;
        connected.client().closeHandler(ignored -> onContext(() -> lost(opened)));
        if (previous != null && !previous.isClosed()) {
            previous.closed(); // its unconfirmed publishes go again, in order, on the new connection
            ConnectAttempt.disconnect(previous.client());
        }
        effects.adopted(opened, connected.sessionPresent(), before, trial);
        enter(Phase.CONNECTED);
        current.announce(opened);
        if (!connected.client().isConnected()) {
            lost(opened);
        }
    }

    private void onContext(Runnable event) {
        if (Vertx.currentContext() == context) {
            event.run();
        } else {
            context.runOnContext(ignored -> event.run());
        }
    }
}
