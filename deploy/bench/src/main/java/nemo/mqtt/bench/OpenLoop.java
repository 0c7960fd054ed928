package nemo.mqtt.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * An open-loop load generator: item i is due at start + i / rate and is handed over at that time
 * whatever became of the items before it (a slow answer does not delay the next one), so a stall
 * counts against the system measured (no coordinated omission).
 */
final class OpenLoop {

    /** Hands over item {@code index}, due at {@code intendedNanos} (System.nanoTime()); must not block long. */
    @FunctionalInterface
    interface Sender {
        void send(long index, long intendedNanos);
    }

    /** When the run started, when the last item was handed over, how many, and the achieved rate per second. */
    record Sent(long startNanos, long lastSendNanos, long total, double achievedRate) {

        /** {@code count} over the time from the start to {@code lastNanos}, per second. */
        double ratePerSecond(long count, long lastNanos) {
            return count / Math.max((lastNanos - startNanos) / 1e9, 1e-3);
        }
    }

    private OpenLoop() {}

    /** Hands {@code rate * seconds} items to {@code sender} at {@code rate} per second; returns after the last. */
    static Sent run(int rate, int seconds, Sender sender) {
        long total = (long) rate * seconds;
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000;
        long lastSend = start;
        for (long i = 0; i < total; i++) {
            long at = start + i * periodNanos;
            long wait;
            // one park for the whole wait where it can: each wake-up costs the machine the stack runs on
            while ((wait = at - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            sender.send(i, at);
            lastSend = System.nanoTime();
        }
        return new Sent(start, lastSend, total, total / ((lastSend - start) / 1e9 + 1.0 / rate));
    }

    /** Waits until {@code done} or {@code atMost} has passed; true when done. */
    static boolean awaitDrained(BooleanSupplier done, Duration atMost) {
        try {
            Awaitility.await()
                    .atMost(atMost)
                    .pollInterval(Duration.ofMillis(20))
                    .until(done::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException notAll) {
            return false;
        }
    }
}
