package nemo.mqtt.bench;

import java.util.BitSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.TestMqttClient;

/**
 * A QoS 1 subscriber with a persistent session that counts distinct messages of the current run
 * (payload {@code "n":<index>} and {@code "run":"<name>"}) and when the first and last arrived.
 */
final class CountingSubscriber implements AutoCloseable {

    /** Distinct messages of the current run so far, and System.nanoTime() when the first and the last arrived. */
    record Progress(int distinct, long firstNanos, long lastNanos) {}

    private final Vertx vertx = Vertx.vertx();
    private final MqttClientOptions options;
    private final int port;
    private volatile MqttClient client;
    private String run = "";
    private BitSet seen = new BitSet();
    private volatile Progress progress = new Progress(0, 0, 0);

    CountingSubscriber(DevCerts certs, int port) {
        this.options = TestMqttClient.tlsOptions(certs.ca(), certs, "display");
        options.setClientId("bench-" + UUID.randomUUID()).setCleanSession(false).setMaxInflightQueue(65535);
        this.port = port;
    }

    CountingSubscriber connect() throws Exception {
        MqttClient created = MqttClient.create(vertx, options);
        created.publishHandler(message -> count(message.payload().toString()));
        created.connect(port, "localhost")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        created.subscribe("nemo/#", MqttQoS.AT_LEAST_ONCE.value())
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        client = created;
        return this;
    }

    boolean isConnected() {
        return client != null && client.isConnected();
    }

    synchronized void startRun(String name) {
        run = "\"run\":\"" + name + "\"";
        seen = new BitSet();
        progress = new Progress(0, 0, 0);
    }

    private synchronized void count(String payload) {
        if (!payload.contains(run)) {
            return;
        }
        int at = payload.indexOf("\"n\":") + 4;
        int end = at;
        while (end < payload.length() && Character.isDigit(payload.charAt(end))) {
            end++;
        }
        int n = Integer.parseInt(payload, at, end, 10);
        if (!seen.get(n)) {
            seen.set(n);
            long now = System.nanoTime();
            Progress before = progress;
            progress = new Progress(before.distinct() + 1, before.distinct() == 0 ? now : before.firstNanos(), now);
        }
    }

    Progress progress() {
        return progress;
    }

    @Override
    public void close() {
        vertx.close();
    }
}
