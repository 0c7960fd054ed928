package nemo.mqtt.bench;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.TestMqttClient;

/** The baseline: a plain Vert.x MQTT publisher, same TLS and client certificate as the bridge, same QoS 1 window. */
final class DirectPublisher implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final MqttClient client;
    private final int window;

    DirectPublisher(DevCerts certs, int port, int window) throws Exception {
        MqttClientOptions options = TestMqttClient.tlsOptions(certs.ca(), certs, "bridge");
        options.setClientId("bench-direct-" + UUID.randomUUID()).setMaxInflightQueue(window);
        this.client = MqttClient.create(vertx, options);
        this.window = window;
        client.connect(port, "localhost")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    /** Publishes every message at QoS 1, keeping {@code window} unconfirmed, in order; completes on the last PUBACK. */
    CompletableFuture<Void> publishAll(List<BridgeThroughput.Message> messages) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger acked = new AtomicInteger();
        Context context = vertx.getOrCreateContext();
        Runnable[] sendOne = new Runnable[1];
        sendOne[0] = () -> {
            int i = next.getAndIncrement();
            if (i < messages.size()) {
                BridgeThroughput.Message m = messages.get(i);
                client.publish(m.topic(), Buffer.buffer(m.payload()), MqttQoS.AT_LEAST_ONCE, false, false);
            }
        };
        client.publishCompletionHandler(packetId -> {
            if (acked.incrementAndGet() == messages.size()) {
                done.complete(null);
            } else {
                sendOne[0].run();
            }
        });
        context.runOnContext(ignored -> {
            for (int i = 0; i < window; i++) {
                sendOne[0].run();
            }
        });
        return done;
    }

    @Override
    public void close() {
        client.disconnect();
        vertx.close();
    }
}
