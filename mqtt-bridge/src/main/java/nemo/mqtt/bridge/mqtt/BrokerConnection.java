package nemo.mqtt.bridge.mqtt;

import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import nemo.mqtt.bridge.Backoff;
import nemo.mqtt.bridge.BridgeConfig;
import nemo.mqtt.bridge.settings.BrokerSettings;
import nemo.mqtt.wire.Republish;
import nemo.mqtt.service.OutageLog;

/**
 * The replica's one connection to the broker (Vert.x MqttClient, persistent session), reconnecting
 * with capped exponential backoff and full jitter; each connection has a new generation number so
 * readers publish their pending entries again, in order, before new ones. New settings are tried on
 * a second connection and replace the current one only once the broker accepts them, so bad
 * settings leave the last good connection in place. A trial with the same broker and client id
 * takes the session over, so the old settings must not take it back: a trial starts only once no
 * reconnect attempt is under way, none starts while it is, the replaced connection reconnects no
 * more, and a connection made with settings no longer current is never adopted. A CONNACK without
 * the session asks the emitter to publish every retained message again ({@link RepublishRequests}).
 */
@ApplicationScoped
public class BrokerConnection {

    private static final Logger LOG = Logger.getLogger(BrokerConnection.class);

    private final Vertx vertx;
    /** Every connection lives on this one event loop; publishing from it avoids a thread hop per message. */
    private final Context context;
    private final PublishWindow window;
    private final String consumerName;
    private final ConnectAttempt connector;
    private final RepublishRequests republish;
    private final ReconnectTimer reconnectTimer;
    private final ConnectionHealth health = new ConnectionHealth(LOG);
    private final Counter reconnects;
    /** One reconnect attempt at a time; a trial waits for the one under way. */
    private final AttemptGate attempt = new AttemptGate();
    private final CurrentSession current;
    private volatile BrokerSettings settings;
    /** Settings being tried on a second connection, or null. */
    private volatile BrokerSettings trying;
    private volatile boolean stopped = true;

    BrokerConnection(Vertx vertx, PublishWindow window, BridgeConfig config, MeterRegistry registry,
            RepublishRequests republish) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.window = window;
        this.consumerName = config.consumerName();
        this.connector = new ConnectAttempt(vertx, context, consumerName, (int) config.broker().connectTimeout().toMillis());
        this.republish = republish;
        this.reconnectTimer = new ReconnectTimer(vertx, new Backoff(config.broker().reconnect()), this::reconnect);
        this.settings = BrokerSettings.fromConfig(config.broker());
        this.current = new CurrentSession(config.broker().topicPrefix());
        this.reconnects = registry.counter("nemo.bridge.reconnects");
    }

    public synchronized void start() {
        if (stopped) {
            stopped = false;
            reconnect();
        }
    }

    public boolean isConnected() {
        return current.isOpen();
    }

    /** Runs tasks on the connections' event loop, where publishes are cheapest. */
    public Executor executor() {
        return task -> context.runOnContext(ignored -> task.run());
    }

    /** The settings of the current (or last good) connection. */
    public BrokerSettings settings() {
        return settings;
    }

    /** Why the broker could not be reached most recently, if it could not. */
    public String lastError() {
        return health.lastError();
    }

    /** Why the most recently announced settings were refused, if they were. */
    public String settingsError() {
        return health.settingsError();
    }

    /** The generation of the current connection, waiting for one if disconnected. */
    public Uni<Long> connected() {
        return current.connected();
    }

    /** Publishes on the connection of {@code generation}; fails with {@link NotConnectedException} if that one is gone. */
    public Uni<Void> publish(long generation, String topic, String payload, int qos, boolean retain) {
        return current.publish(generation, topic, payload, qos, retain);
    }

    /** The topic an entry's topic is published under on connection {@code generation}, or null if that one is gone. */
    public String topicFor(long generation, String entryTopic) {
        return current.topicFor(generation, entryTopic);
    }

    /**
     * Moves to {@code next} if the broker accepts a connection made with it; otherwise keeps the
     * current settings (and connection), records why as the settings error and answers false. It
     * always completes: a failure of any kind is a refusal.
     */
    public Uni<Boolean> apply(BrokerSettings next) {
        BrokerSettings before = settings;
        return Uni.createFrom().voidItem().invoke(() -> trying = next)
                .chain(attempt::ended)
                .chain(() -> connector.connect(next))
                .map(connected -> {
                    if (!adopt(connected, next, true)) {
                        ConnectAttempt.disconnect(connected.client()); // stopping
                        return false;
                    }
                    health.settingsApplied();
                    window.resize(next.inFlightWindow());
                    if (connected.sessionPresent() && !next.topicPrefix().equals(before.topicPrefix())) {
                        republish.request(Republish.TOPIC_PREFIX_CHANGED);
                    }
                    LOG.infof("Broker settings version %d applied: %s", next.version(), next);
                    return true;
                })
                .onFailure().recoverWithItem(failure -> {
                    refused(next.version(), OutageLog.describe(failure));
                    return false;
                })
                .eventually(() -> {
                    trying = null;
                    reconnect(); // if the current connection was lost meanwhile
                });
    }

    /** Records that announced settings {@code version} (-1: unreadable) cannot be used, and why (never a secret). */
    public void refused(long version, String reason) {
        health.settingsRefused(version, settings.version(), settings.address(), reason);
    }

    /**
     * Connects with the current settings, unless connected, stopped, a trial is under way (its
     * outcome decides) or an attempt is already under way (its outcome decides).
     */
    private void reconnect() {
        BrokerSettings with;
        synchronized (this) {
            if (stopped || trying != null || isConnected() || !attempt.tryBegin()) {
                return;
            }
            with = settings;
        }
        connector.connect(with).subscribe().with(connected -> {
            if (adopt(connected, with, false)) {
                attempt.end();
                return;
            }
            // new settings were applied or are being tried meanwhile: those win, and a trial waits
            // until this client is gone, so the two never take the session from each other
            ConnectAttempt.disconnect(connected.client()).onComplete(ignored -> {
                attempt.end();
                reconnect(); // with the settings now current, unless a trial decides
            });
        }, failure -> {
            attempt.end();
            health.unreachable(failure);
            reconnectTimer.schedule();
        });
    }

    /**
     * Makes {@code client} the current connection; unless {@code replace} (a trial that succeeded),
     * only if there is none, no trial is under way and {@code with} are still the current settings.
     */
    private boolean adopt(ConnectAttempt.Connected connected, BrokerSettings with, boolean replace) {
        MqttClient client = connected.client();
        BrokerSession previous;
        BrokerSession opened;
        synchronized (this) {
            previous = current.get();
            boolean open = previous != null && !previous.isClosed();
            if (stopped || (!replace && (open || trying != null || with != settings))) {
                return false;
            }
            reconnectTimer.cancel(); // planned before this connection: firing later it could only race it
            opened = current.open(client, with);
            settings = with;
        }
        client.closeHandler(ignored -> lost(opened));
        if (previous != null && !previous.isClosed()) {
            previous.closed(); // its unconfirmed publishes go again, in order, on the new connection
            ConnectAttempt.disconnect(previous.client());
        }
        health.connected();
        // any new connection may follow a broker crash: without a session it lost its state; with one it
        // may have restarted from an older snapshot, retained messages included (Mosquitto's autosave)
        republish.request(connected.sessionPresent() ? Republish.BROKER_RECONNECTED : Republish.BROKER_SESSION_LOST);
        LOG.infof("Connected to MQTT broker %s as %s%s (connection %d)", with.address(), with.clientIdPrefix(),
                consumerName, opened.generation());
        current.announce(opened);
        return true;
    }

    private void lost(BrokerSession lostSession) {
        boolean wasCurrent = current.forget(lostSession);
        lostSession.closed();
        // during a trial the broker drops the current connection when the trial takes its session
        // over (same client id); the trial's outcome decides what connects next
        if (wasCurrent && !stopped && trying == null) {
            reconnects.increment();
            health.lost("connection " + lostSession.generation() + " closed");
            reconnectTimer.schedule();
        }
    }

    /** Disconnects cleanly (DISCONNECT packet) and stops reconnecting. */
    public Uni<Void> stop() {
        BrokerSession last;
        synchronized (this) {
            stopped = true;
            reconnectTimer.cancel();
            last = current.take();
        }
        if (last == null || last.isClosed()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(() -> ConnectAttempt.disconnect(last.client()).toCompletionStage())
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
