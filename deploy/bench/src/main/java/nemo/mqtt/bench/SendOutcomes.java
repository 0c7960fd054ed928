package nemo.mqtt.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What became of a run's sends, as the load generator learns it: how many succeeded (a commit
 * returned, a 202 came, a publish was written), how many failed, and when the last success came (in
 * System.nanoTime(), for the achieved rate), and how long answers took from the intended send time.
 * Thread-safe.
 */
final class SendOutcomes {

    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile long lastSuccessNanos;
    private volatile Histogram answerMicros = newHistogram();

    /** A send succeeded at {@code nanos}. */
    void succeeded(long nanos) {
        succeeded.incrementAndGet();
        lastSuccessNanos = nanos;
    }

    /**
     * A send intended at {@code intendedNanos} (System.nanoTime()) succeeded now: counted, and the
     * wait for its answer recorded (the stack: the 202, after the commit; the broker: the publish written).
     */
    void answered(long intendedNanos) {
        long now = System.nanoTime();
        answerMicros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(now - intendedNanos)));
        succeeded(now);
    }

    /** A send failed. */
    void failed() {
        failed.incrementAndGet();
    }

    /** Zeroes the counts: the start of a run. */
    void reset() {
        succeeded.set(0);
        failed.set(0);
        answerMicros = newHistogram();
    }

    /** From the intended send time to the answer, over the sends {@link #answered} since the last reset. */
    Percentiles answerLatency() {
        return Percentiles.of(answerMicros.copy());
    }

    private static Histogram newHistogram() {
        return new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3);
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
