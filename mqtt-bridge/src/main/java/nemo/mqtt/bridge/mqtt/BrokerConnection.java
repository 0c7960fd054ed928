package nemo.mqtt.bridge.mqtt;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import nemo.mqtt.bridge.Backoff;
import nemo.mqtt.bridge.BridgeConfig;
import nemo.mqtt.bridge.OutageLog;

/**
 * The replica's one connection to the broker (Vert.x MqttClient, persistent session). Reconnects
 * with capped exponential backoff and full jitter; each connection gets a new generation number so
 * readers know to publish their pending entries again, in order, before new ones.
 */
@ApplicationScoped
public class BrokerConnection {

    private static final Logger LOG = Logger.getLogger(BrokerConnection.class);

    private final Vertx vertx;
    private final BridgeConfig.Broker config;
    private final String clientId;
    private final Backoff backoff;
    private final OutageLog outage = new OutageLog(LOG, "MQTT broker");
    private final Counter reconnects;
    private final List<UniEmitter<? super Long>> connectWaiters = new ArrayList<>();
    private volatile BrokerSession session;
    private long generations;
    private volatile boolean stopped = true;

    BrokerConnection(Vertx vertx, BridgeConfig config, MeterRegistry registry) {
        this.vertx = vertx;
        this.config = config.broker();
        this.clientId = config.broker().clientIdPrefix() + config.consumerName();
        this.backoff = new Backoff(config.broker().reconnect());
        this.reconnects = registry.counter("nemo.bridge.reconnects");
    }

    public synchronized void start() {
        if (stopped) {
            stopped = false;
            connect();
        }
    }

    public boolean isConnected() {
        BrokerSession current = session;
        return current != null && !current.isClosed();
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
        return current.publish(topic, payload, qos, retain);
    }

    private void connect() {
        if (stopped) {
            return;
        }
        MqttClient client = MqttClient.create(vertx, options());
        client.connect(config.port(), config.host()).onComplete(result -> {
            if (result.succeeded() && result.result().code() == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                connectedWith(client);
            } else {
                outage.failed(result.failed() ? result.cause()
                        : new IllegalStateException("broker refused: " + result.result().code()));
                retryLater();
            }
        });
    }

    private void connectedWith(MqttClient client) {
        BrokerSession current;
        List<UniEmitter<? super Long>> waiting;
        synchronized (this) {
            current = new BrokerSession(++generations, client);
            session = current;
            waiting = new ArrayList<>(connectWaiters);
            connectWaiters.clear();
        }
        client.closeHandler(ignored -> lost(current));
        backoff.reset();
        outage.recovered();
        LOG.infof("Connected to MQTT broker %s:%d as %s (connection %d)", config.host(), config.port(), clientId,
                current.generation());
        waiting.forEach(emitter -> emitter.complete(current.generation()));
    }

    private void lost(BrokerSession lostSession) {
        synchronized (this) {
            if (session == lostSession) {
                session = null;
            }
        }
        lostSession.closed();
        if (!stopped) {
            reconnects.increment();
            outage.failed(new IllegalStateException("connection " + lostSession.generation() + " closed"));
            retryLater();
        }
    }

    private void retryLater() {
        if (!stopped) {
            vertx.setTimer(backoff.next().toMillis(), ignored -> connect());
        }
    }

    /** Disconnects cleanly (DISCONNECT packet) and stops reconnecting. */
    public Uni<Void> stop() {
        BrokerSession current;
        synchronized (this) {
            stopped = true;
            current = session;
            session = null;
        }
        if (current == null || current.isClosed()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(() -> current.client().disconnect().toCompletionStage())
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private MqttClientOptions options() {
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(clientId)
                .setCleanSession(false)
                .setKeepAliveInterval(config.keepAliveSeconds())
                .setMaxInflightQueue(config.inFlightWindow());
        config.username().ifPresent(options::setUsername);
        config.password().ifPresent(options::setPassword);
        options.setConnectTimeout((int) config.connectTimeout().toMillis());
        BridgeConfig.Tls tls = config.tls();
        if (tls.enabled()) {
            options.setSsl(true)
                    .setTrustOptions(new PemTrustOptions().addCertPath(tls.caFile()))
                    .setHostnameVerificationAlgorithm(tls.verifyHostname() ? "HTTPS" : "");
            if (tls.certFile().isPresent() && tls.keyFile().isPresent()) {
                options.setKeyCertOptions(new PemKeyCertOptions()
                        .setCertPath(tls.certFile().get())
                        .setKeyPath(tls.keyFile().get()));
            }
        }
        return options;
    }
}
