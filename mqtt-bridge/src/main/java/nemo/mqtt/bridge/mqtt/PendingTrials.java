package nemo.mqtt.bridge.mqtt;

import java.util.ArrayDeque;
import java.util.Deque;

import io.smallrye.mutiny.subscription.UniEmitter;

import nemo.mqtt.bridge.settings.BrokerSettings;

/**
 * Trials of new settings asked for while an attempt was under way, in the order asked; used by
 * {@link ConnectionMachine} on its context only.
 */
final class PendingTrials {

    /** New settings to try, and whoever waits for the answer (true: applied). */
    record Trial(BrokerSettings settings, UniEmitter<? super Boolean> answer) {}

    private final Deque<Trial> waiting = new ArrayDeque<>();

    /** Queues {@code trial} behind those asked for before. */
    void add(Trial trial) {
        waiting.add(trial);
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** The trial asked for first, taken off the queue, or null. */
    Trial poll() {
        return waiting.poll();
    }

    /** Answers every waiting trial with false (not applied) and forgets them. */
    void refuseAll() {
        waiting.forEach(queued -> queued.answer().complete(false));
        waiting.clear();
    }
}
