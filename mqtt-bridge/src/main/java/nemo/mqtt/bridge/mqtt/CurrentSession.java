package nemo.mqtt.bridge.mqtt;

import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mqtt.MqttClient;

import nemo.mqtt.bridge.settings.BrokerSettings;

/**
 * The connection publishes go to, numbered by generation, and those waiting for one. Publishing
 * names the generation it read its entries under, so nothing meant for a lost connection goes out
 * on its successor out of order.
 */
final class CurrentSession {

    private final String entryTopicPrefix;
    private final List<UniEmitter<? super Long>> waiters = new ArrayList<>();
    private BrokerSession session;
    private long generations;

    CurrentSession(String entryTopicPrefix) {
        this.entryTopicPrefix = entryTopicPrefix;
    }

    synchronized BrokerSession get() {
        return session;
    }

    synchronized boolean isOpen() {
        return session != null && !session.isClosed();
    }

    /** @return the generation of the open connection, once there is one */
    Uni<Long> connected() {
        return Uni.createFrom().emitter(emitter -> {
            BrokerSession current;
            synchronized (this) {
                current = session;
                if (current == null || current.isClosed()) {
                    waiters.add(emitter);
                    return;
                }
            }
            emitter.complete(current.generation());
        });
    }

    /** Makes {@code client} the open connection; call {@link #announce} once it is ready for publishes. */
    synchronized BrokerSession open(MqttClient client, BrokerSettings with) {
        session = new BrokerSession(++generations, client, with);
        return session;
    }

    /** Lets those waiting for a connection go on with {@code opened}, if it is still the one. */
    void announce(BrokerSession opened) {
        List<UniEmitter<? super Long>> waiting;
        synchronized (this) {
            if (session != opened) {
                return;
            }
            waiting = new ArrayList<>(waiters);
            waiters.clear();
        }
        waiting.forEach(emitter -> emitter.complete(opened.generation()));
    }

    /** @return true if {@code lost} was the current connection (it is no longer) */
    synchronized boolean forget(BrokerSession lost) {
        if (session != lost) {
            return false;
        }
        session = null;
        return true;
    }

    /** @return the current connection, which is no longer current, or null */
    synchronized BrokerSession take() {
        BrokerSession current = session;
        session = null;
        return current;
    }

    /** @return the topic an entry's topic goes out under on connection {@code generation}; null if it is gone */
    String topicFor(long generation, String topic) {
        BrokerSession current = get();
        if (current == null || current.generation() != generation || current.isClosed()) {
            return null;
        }
        return current.settings().topicFor(topic, entryTopicPrefix);
    }

    /** Publishes on connection {@code generation}; fails with {@link NotConnectedException} if it is gone. */
    Uni<Void> publish(long generation, String topic, String payload, int qos, boolean retain) {
        BrokerSession current = get();
        if (current == null || current.generation() != generation || current.isClosed()) {
            return Uni.createFrom().failure(new NotConnectedException("not connected (generation " + generation + ")"));
        }
        BrokerSettings using = current.settings();
        return current.publish(using.topicFor(topic, entryTopicPrefix), payload, using.qosFor(qos), retain);
    }
}
