package nemo.mqtt.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What became of a run's sends, as the load generator learns it: how many succeeded (a commit
 * returned, a 202 came, a publish was written), how many failed, and when the last success came (in
 * System.nanoTime(), for the achieved rate). Thread-safe.
 */
final class SendOutcomes {

    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile long lastSuccessNanos;

    /** A send succeeded now. */
    void succeeded() {
        succeeded(System.nanoTime());
    }

    /** A send succeeded at {@code nanos}. */
    void succeeded(long nanos) {
        succeeded.incrementAndGet();
        lastSuccessNanos = nanos;
    }

    /** A send failed. */
    void failed() {
        failed.incrementAndGet();
    }

    /** Zeroes the counts: the start of a run. */
    void reset() {
        succeeded.set(0);
        failed.set(0);
    }

    long successes() {
        return succeeded.get();
    }

    long failures() {
        return failed.get();
    }

    /** Whether every one of {@code total} sends has succeeded or failed. */
    boolean allAnswered(long total) {
        return succeeded.get() + failed.get() >= total;
    }

    long lastSuccessNanos() {
        return lastSuccessNanos;
    }
}
