package nemo.mqtt.bridge.mqtt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;

import nemo.mqtt.bridge.settings.BrokerSettings;

/**
 * One MQTT connection, numbered by its generation. Matches PUBACKs to publishes by packet id;
 * when the connection closes, every publish still waiting fails so its entry is published again.
 */
final class BrokerSession {

    private final long generation;
    private final MqttClient client;
    private final BrokerSettings settings;
    private final Map<Integer, UniEmitter<? super Void>> awaitingAck = new HashMap<>();
    /** PUBACKs that overtook the completion of their own write; kept until the write completes. */
    private final Set<Integer> earlyAcks = new HashSet<>();

    private boolean closed;

    BrokerSession(long generation, MqttClient client, BrokerSettings settings) {
        this.generation = generation;
        this.client = client;
        this.settings = settings;
        client.publishCompletionHandler(this::acknowledged);
    }

    long generation() {
        return generation;
    }

    MqttClient client() {
        return client;
    }

    /** The settings this connection was made with (topic prefix and QoS apply to its publishes). */
    BrokerSettings settings() {
        return settings;
    }

    /** Completes on PUBACK for QoS 1, on write for QoS 0. */
    Uni<Void> publish(String topic, String payload, int qos, boolean retain) {
        MqttQoS level = MqttQoS.valueOf(qos);
        return Uni.createFrom()
                .emitter(emitter -> client.publish(topic, Buffer.buffer(payload), level, false, retain)
                        .onComplete(sent -> {
                            if (sent.failed()) {
                                emitter.fail(sent.cause());
                            } else if (level == MqttQoS.AT_MOST_ONCE) {
                                emitter.complete(null);
                            } else {
                                awaitAck(sent.result(), emitter);
                            }
                        }));
    }

    private void awaitAck(int packetId, UniEmitter<? super Void> emitter) {
        boolean ackedAlready;
        synchronized (this) {
            if (closed) {
                emitter.fail(new NotConnectedException("connection closed before PUBACK"));
                return;
            }
            ackedAlready = earlyAcks.remove(packetId);
            if (!ackedAlready) {
                awaitingAck.put(packetId, emitter);
            }
        }
        if (ackedAlready) {
            emitter.complete(null);
        }
    }

    private void acknowledged(int packetId) {
        UniEmitter<? super Void> emitter;
        synchronized (this) {
            emitter = awaitingAck.remove(packetId);
            if (emitter == null) {
                earlyAcks.add(packetId);
                return;
            }
        }
        emitter.complete(null);
    }

    /** Fails every publish still waiting: the broker may not have them, so they stay pending in Redis. */
    void closed() {
        List<UniEmitter<? super Void>> abandoned;
        synchronized (this) {
            closed = true;
            abandoned = new ArrayList<>(awaitingAck.values());
            awaitingAck.clear();
            earlyAcks.clear();
        }
        NotConnectedException lost = new NotConnectedException("connection lost before PUBACK");
        abandoned.forEach(emitter -> emitter.fail(lost));
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
