package nemo.mqtt.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import nemo.mqtt.service.mqtt.MqttOptions;
import nemo.mqtt.service.mqtt.PemSource;

/** A real MQTT client over TLS, as a tool display would be, that records what it receives. */
public final class TestMqttClient implements AutoCloseable {

    /** A delivered message; {@code receivedNanos} is System.nanoTime() on arrival, for latency. */
    public record Received(String topic, String payload, int qos, boolean retained, long receivedNanos) {}

    private final Vertx vertx = Vertx.vertx();
    private final MqttClientOptions options;
    private final int port;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile MqttClient client;

    private TestMqttClient(MqttClientOptions options, int port) {
        this.options = options;
        this.port = port;
        this.client = newClient();
    }

    private MqttClient newClient() {
        MqttClient created = MqttClient.create(vertx, options);
        created.publishHandler(message -> received.add(new Received(
                message.topicName(),
                message.payload().toString(StandardCharsets.UTF_8),
                message.qosLevel().value(),
                message.isRetain(),
                System.nanoTime())));
        return created;
    }

    /** A display with a persistent session (clean session off, fixed client id): the broker queues for it while away. */
    public static TestMqttClient persistentDisplay(DevCerts certs, int port, String clientId) {
        MqttClientOptions options = tlsOptions(certs.ca(), certs, "display");
        options.setClientId(clientId).setCleanSession(false);
        return new TestMqttClient(options, port);
    }

    /** Connects again with the same options (and so the same session); what was received is kept. */
    public TestMqttClient reconnect() {
        MqttClient old = client;
        if (old.isConnected()) {
            await(old.disconnect().toCompletionStage().toCompletableFuture());
        }
        client = newClient();
        return connect();
    }

    public TestMqttClient disconnect() {
        await(client.disconnect().toCompletionStage().toCompletableFuture());
        return this;
    }

    /** Options for a client that trusts {@code caPem} and presents {@code clientName}'s certificate, if any. */
    public static MqttClientOptions tlsOptions(java.nio.file.Path caPem, DevCerts clientCerts, String clientName) {
        return MqttOptions.client("test-" + UUID.randomUUID())
                .maxInflight(10_000)
                // the client's default (8,092 bytes) silently drops larger messages, such as a status with long notes
                .maxMessageSize(1024 * 1024)
                .connectTimeoutMillis(5_000)
                .tls(
                        PemSource.file(caPem.toString()),
                        clientName == null
                                ? PemSource.NONE
                                : PemSource.file(clientCerts.cert(clientName).toString()),
                        clientName == null
                                ? PemSource.NONE
                                : PemSource.file(clientCerts.key(clientName).toString()),
                        true)
                .build();
    }

    public static TestMqttClient create(MqttClientOptions options, int port) {
        return new TestMqttClient(options, port);
    }

    /** A TLS subscriber with the "display" client certificate of {@code certs}. */
    public static TestMqttClient display(DevCerts certs, int port) {
        return new TestMqttClient(tlsOptions(certs.ca(), certs, "display"), port);
    }

    /** Connects; throws with the broker's or TLS layer's reason when refused. */
    public TestMqttClient connect() {
        await(client.connect(port, "localhost").toCompletionStage().toCompletableFuture());
        return this;
    }

    public TestMqttClient subscribe(String topicFilter) {
        await(client.subscribe(topicFilter, MqttQoS.AT_LEAST_ONCE.value())
                .toCompletionStage()
                .toCompletableFuture());
        return this;
    }

    /** Publishes at QoS 1; returns once written. */
    public TestMqttClient publish(String topic, String payload, boolean retain) {
        await(client.publish(topic, io.vertx.core.buffer.Buffer.buffer(payload), MqttQoS.AT_LEAST_ONCE, false, retain)
                .toCompletionStage()
                .toCompletableFuture());
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
        } catch (Exception ignored) {
            // closing anyway
        }
        vertx.close();
    }
}
