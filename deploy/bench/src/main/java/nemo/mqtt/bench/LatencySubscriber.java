package nemo.mqtt.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.TestMqttClient;

/**
 * The benchmarks' subscriber: TLS with the "display" certificate, QoS 1, a clean session; each JSON
 * payload's key (what {@code keyOf} reads from it, null to ignore it) arrives at a {@link LatencyRecorder}.
 */
final class LatencySubscriber {

    private LatencySubscriber() {}

    /**
     * Connects to the broker on localhost:{@code port} trusting {@code certs}, subscribes to {@code topics}
     * and returns the client (the caller disconnects it).
     */
    static MqttClient connect(
            Vertx vertx,
            DevCerts certs,
            int port,
            Iterable<String> topics,
            Function<JsonObject, String> keyOf,
            LatencyRecorder recorder)
            throws Exception {
        MqttClientOptions options = TestMqttClient.tlsOptions(certs.ca(), certs, "display");
        options.setClientId("bench-latency-" + UUID.randomUUID())
                .setCleanSession(true)
                .setMaxInflightQueue(65535);
        MqttClient client = MqttClient.create(vertx, options);
        client.publishHandler(message -> {
            long now = System.nanoTime();
            String key;
            try {
                key = keyOf.apply(new JsonObject(message.payload().toString(StandardCharsets.UTF_8)));
            } catch (RuntimeException notJson) {
                return;
            }
            if (key != null) {
                recorder.arrived(key, now);
            }
        });
        client.connect(port, "localhost")
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        Map<String, Integer> subscriptions = new java.util.LinkedHashMap<>();
        topics.forEach(topic -> subscriptions.put(topic, MqttQoS.AT_LEAST_ONCE.value()));
        client.subscribe(subscriptions)
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        return client;
    }
}
