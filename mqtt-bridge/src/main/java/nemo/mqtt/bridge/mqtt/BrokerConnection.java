package nemo.mqtt.bridge.mqtt;

import java.util.concurrent.Executor;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import nemo.mqtt.bridge.Backoff;
import nemo.mqtt.bridge.BridgeConfig;
import nemo.mqtt.bridge.settings.BrokerSettings;
import nemo.mqtt.service.OutageLog;
import nemo.mqtt.wire.Republish;

/**
 * The replica's one connection to the broker (Vert.x MqttClient, persistent session), reconnecting
 * after the {@link Backoff} delay (capped exponential, full jitter); each connection has a new
 * generation number so readers publish their pending entries again, in order, before new ones. New
 * settings are tried on a second connection and replace the current one only once the broker
 * accepts them, so bad settings leave the last good connection in place; the rules that keep a
 * trial and a reconnect apart are the {@link ConnectionMachine}'s. A CONNACK without the session
 * asks the emitter to publish every retained message again ({@link RepublishRequests}).
 */
// @Singleton: used for every message, and a client proxy would look the instance up on every call
@Singleton
public class BrokerConnection {

    private static final Logger LOG = Logger.getLogger(BrokerConnection.class);

    /** Every connection lives on this one event loop; publishing from it avoids a thread hop per message. */
    private final Context context;

    private final PublishWindow window;
    private final String consumerName;
    private final RepublishRequests republish;
    private final ConnectionHealth health = new ConnectionHealth(LOG);
    private final Counter reconnects;
    private final CurrentSession current;
    private final ConnectionMachine machine;

    BrokerConnection(
            Vertx vertx,
            PublishWindow window,
            BridgeConfig config,
            MeterRegistry registry,
            RepublishRequests republish) {
        this.context = vertx.getOrCreateContext();
        this.window = window;
        this.consumerName = config.consumerName();
        this.republish = republish;
        this.current = new CurrentSession(config.broker().topicPrefix());
        this.reconnects = registry.counter("nemo.bridge.reconnects");
        ConnectAttempt connector = new ConnectAttempt(vertx, context, consumerName, (int)
                config.broker().connectTimeout().toMillis());
        this.machine = new ConnectionMachine(
                vertx,
                context,
                connector,
                Backoff.exponential(config.broker().reconnect()),
                current,
                BrokerSettings.fromConfig(config.broker()),
                new Effects());
    }

    /** Starts connecting (once; again after {@link #stop()}). */
    public void start() {
        machine.start();
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
        return machine.settings();
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
        return machine.apply(next);
    }

    /** Records that announced settings {@code version} (-1: unreadable) cannot be used, and why (never a secret). */
    public void refused(long version, String reason) {
        BrokerSettings kept = settings();
        health.settingsRefused(version, kept.version(), kept.address(), reason);
    }

    /** Disconnects cleanly (DISCONNECT packet) and stops reconnecting. */
    public Uni<Void> stop() {
        return machine.stop()
                .chain(last -> last == null || last.isClosed()
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom()
                                .completionStage(() ->
                                        ConnectAttempt.disconnect(last.client()).toCompletionStage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** What a change of connection means to health, republish requests and the publish window. */
    private final class Effects implements ConnectionEffects {

        @Override
        public void adopted(BrokerSession opened, boolean sessionPresent, BrokerSettings before, boolean trial) {
            BrokerSettings with = opened.settings();
            health.connected();
            // any new connection may follow a broker crash: without a session it lost its state; with one it
            // may have restarted from an older snapshot, retained messages included (Mosquitto's autosave)
            republish.request(sessionPresent ? Republish.BROKER_RECONNECTED : Republish.BROKER_SESSION_LOST);
            LOG.infof(
                    "Connected to MQTT broker %s as %s%s (connection %d)",
                    with.address(), with.clientIdPrefix(), consumerName, opened.generation());
            if (trial) {
                health.settingsApplied();
                window.resize(with.inFlightWindow());
                if (sessionPresent && !with.topicPrefix().equals(before.topicPrefix())) {
                    republish.request(Republish.TOPIC_PREFIX_CHANGED);
                }
                LOG.infof("Broker settings version %d applied: %s", with.version(), with);
            }
        }

        @Override
        public void unreachable(Throwable failure) {
            health.unreachable(failure);
        }

        @Override
        public void lost(BrokerSession lost) {
            reconnects.increment();
            health.lost("connection " + lost.generation() + " closed");
        }

        @Override
        public void refused(BrokerSettings next, Throwable failure) {
            BrokerConnection.this.refused(next.version(), OutageLog.describe(failure));
        }
    }
}
