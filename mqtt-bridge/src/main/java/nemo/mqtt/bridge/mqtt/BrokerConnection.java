package nemo.mqtt.bridge.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import nemo.mqtt.bridge.Backoff;
import nemo.mqtt.bridge.BridgeConfig;
import nemo.mqtt.bridge.OutageLog;
import nemo.mqtt.bridge.settings.BrokerSettings;

/**
 * The replica's one connection to the broker (Vert.x MqttClient, persistent session). Reconnects
 * with capped exponential backoff and full jitter; each connection gets a new generation number so
 * readers know to publish their pending entries again, in order, before new ones. New settings are
 * tried on a second connection first: only once the broker accepts it does it replace the current
 * one, so bad settings leave the last good connection in place. With the same broker and client id
 * the trial takes the session over and the broker drops the current connection. So the old
 * settings cannot take the session back: a trial starts only once no reconnect attempt is under
 * way, none starts while it is, the connection it replaces reconnects no more (its pending timer
 * is cancelled, its loss ignored), and a connection made with settings that are no longer current
 * is never adopted.
 */
@ApplicationScoped
public class BrokerConnection {

    private static final Logger LOG = Logger.getLogger(BrokerConnection.class);

    private final Vertx vertx;
    /** Every connection lives on this one event loop; publishing from it avoids a thread hop per message. */
    private final Context context;
    private final PublishWindow window;
    private final String consumerName;
    private final int connectTimeoutMillis;
    private final ReconnectTimer reconnectTimer;
    private final OutageLog outage = new OutageLog(LOG, "MQTT broker");
    private final Counter reconnects;
    private final List<UniEmitter<? super Long>> connectWaiters = new ArrayList<>();
    /** Trials waiting for the reconnect attempt under way to end. */
    private final List<UniEmitter<? super Void>> attemptWaiters = new ArrayList<>();
    private final String entryTopicPrefix;
    private volatile BrokerSettings settings;
    /** Settings being tried on a second connection, or null. */
    private volatile BrokerSettings trying;
    private volatile BrokerSession session;
    /** A reconnect attempt is under way: one at a time, or two of them take the session from each other. */
    private boolean reconnecting;
    private volatile String lastError;
    private volatile String settingsError;
    private long generations;
    private volatile boolean stopped = true;

    BrokerConnection(Vertx vertx, PublishWindow window, BridgeConfig config, MeterRegistry registry) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.window = window;
        this.consumerName = config.consumerName();
        this.connectTimeoutMillis = (int) config.broker().connectTimeout().toMillis();
        this.reconnectTimer = new ReconnectTimer(vertx, new Backoff(config.broker().reconnect()), this::reconnect);
        this.settings = BrokerSettings.fromConfig(config.broker());
        this.entryTopicPrefix = config.broker().topicPrefix();
        this.reconnects = registry.counter("nemo.bridge.reconnects");
    }

    public synchronized void start() {
        if (stopped) {
            stopped = false;
            reconnect();
        }
    }

    public boolean isConnected() {
        BrokerSession current = session;
        return current != null && !current.isClosed();
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
        return lastError;
    }

    /** Why the most recently announced settings were refused, if they were. */
    public String settingsError() {
        return settingsError;
    }

    /** The generation of the current connection, waiting for one if disconnected. */
    public Uni<Long> connected() {
        return Uni.createFrom().emitter(emitter -> {
            BrokerSession current;
            synchronized (this) {
                current = session;
                if (current == null || current.isClosed()) {
                    connectWaiters.add(emitter);
                    return;
                }
            }
            emitter.complete(current.generation());
        });
    }

    /** Publishes on the connection of {@code generation}; fails with {@link NotConnectedException} if that one is gone. */
    public Uni<Void> publish(long generation, String topic, String payload, int qos, boolean retain) {
        BrokerSession current = session;
        if (current == null || current.generation() != generation || current.isClosed()) {
            return Uni.createFrom().failure(new NotConnectedException("not connected (generation " + generation + ")"));
        }
        BrokerSettings using = current.settings();
        return current.publish(using.topicFor(topic, entryTopicPrefix), payload, using.qosFor(qos), retain);
    }

    /**
     * Moves to {@code next} if the broker accepts a connection made with it; otherwise keeps the
     * current settings (and connection) and answers false.
     */
    public Uni<Boolean> apply(BrokerSettings next) {
        return Uni.createFrom().voidItem().invoke(() -> trying = next)
                .chain(this::attemptEnded)
                .chain(() -> connect(next))
                .map(client -> {
                    if (!adopt(client, next, true)) {
                        client.disconnect(); // stopping
                        return false;
                    }
                    settingsError = null;
                    window.resize(next.inFlightWindow());
                    LOG.infof("Broker settings version %d applied: %s", next.version(), next);
                    return true;
                })
                .onFailure().recoverWithItem(failure -> {
                    settingsError = OutageLog.describe(failure);
                    LOG.warnf("Broker settings version %d refused, keeping version %d (%s): %s", next.version(),
                            settings.version(), settings.address(), settingsError);
                    return false;
                })
                .eventually(() -> {
                    trying = null;
                    reconnect(); // if the current connection was lost meanwhile
                });
    }

    /** One connection attempt: the client once the broker accepted it (CONNACK 0). */
    private Uni<MqttClient> connect(BrokerSettings with) {
        return Uni.createFrom().emitter(emitter -> context.runOnContext(ignored -> {
            MqttClient client = MqttClient.create(vertx, with.toOptions(consumerName, connectTimeoutMillis));
            client.connect(with.port(), with.host()).onComplete(result -> {
                if (result.succeeded() && result.result().code() == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                    emitter.complete(client);
                } else {
                    emitter.fail(result.failed() ? result.cause()
                            : new IllegalStateException("broker refused the connection: " + result.result().code()));
                }
            });
        }));
    }

    /**
     * Connects with the current settings, unless connected, stopped, a trial is under way (its
     * outcome decides) or an attempt is already under way (its outcome decides).
     */
    private void reconnect() {
        BrokerSettings with;
        synchronized (this) {
            if (stopped || reconnecting || trying != null || isConnected()) {
                return;
            }
            reconnecting = true;
            with = settings;
        }
        connect(with).subscribe().with(client -> {
            if (adopt(client, with, false)) {
                endAttempt();
                return;
            }
            // new settings were applied or are being tried meanwhile: those win, and a trial waits
            // until this client is gone, so the two never take the session from each other
            client.disconnect().onComplete(ignored -> {
                endAttempt();
                reconnect(); // with the settings now current, unless a trial decides
            });
        }, failure -> {
            endAttempt();
            lastError = OutageLog.describe(failure);
            outage.failed(failure);
            reconnectTimer.schedule();
        });
    }

    /** Completes once no reconnect attempt is under way. */
    private Uni<Void> attemptEnded() {
        return Uni.createFrom().emitter(emitter -> {
            synchronized (this) {
                if (reconnecting) {
                    attemptWaiters.add(emitter);
                    return;
                }
            }
            emitter.complete(null);
        });
    }

    private void endAttempt() {
        List<UniEmitter<? super Void>> waiting;
        synchronized (this) {
            reconnecting = false;
            waiting = new ArrayList<>(attemptWaiters);
            attemptWaiters.clear();
        }
        waiting.forEach(emitter -> emitter.complete(null));
    }

    /**
     * Makes {@code client} the current connection; unless {@code replace} (a trial that succeeded),
     * only if there is none, no trial is under way and {@code with} are still the current settings.
     */
    private boolean adopt(MqttClient client, BrokerSettings with, boolean replace) {
        BrokerSession previous;
        BrokerSession current;
        List<UniEmitter<? super Long>> waiting;
        synchronized (this) {
            previous = session;
            if (stopped || (!replace && ((previous != null && !previous.isClosed()) || trying != null || with != settings))) {
                return false;
            }
            reconnectTimer.cancel(); // planned before this connection: firing later it could only race it
            current = new BrokerSession(++generations, client, with);
            session = current;
            settings = with;
            waiting = new ArrayList<>(connectWaiters);
            connectWaiters.clear();
        }
        client.closeHandler(ignored -> lost(current));
        if (previous != null && !previous.isClosed()) {
            previous.closed(); // its unconfirmed publishes go again, in order, on the new connection
            previous.client().disconnect();
        }
        lastError = null;
        outage.recovered();
        LOG.infof("Connected to MQTT broker %s as %s%s (connection %d)", with.address(), with.clientIdPrefix(),
                consumerName, current.generation());
        waiting.forEach(emitter -> emitter.complete(current.generation()));
        return true;
    }

    private void lost(BrokerSession lostSession) {
        boolean wasCurrent;
        synchronized (this) {
            wasCurrent = session == lostSession;
            if (wasCurrent) {
                session = null;
            }
        }
        lostSession.closed();
        // during a trial the broker drops the current connection when the trial takes its session
        // over (same client id); the trial's outcome decides what connects next
        if (wasCurrent && !stopped && trying == null) {
            reconnects.increment();
            lastError = "connection " + lostSession.generation() + " closed";
            outage.failed(new IllegalStateException(lastError));
            reconnectTimer.schedule();
        }
    }

    /** Disconnects cleanly (DISCONNECT packet) and stops reconnecting. */
    public Uni<Void> stop() {
        BrokerSession current;
        synchronized (this) {
            stopped = true;
            reconnectTimer.cancel();
            current = session;
            session = null;
        }
        if (current == null || current.isClosed()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(() -> current.client().disconnect().toCompletionStage())
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
