package nemo.mqtt.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Latencies of one benchmark run, matched by key: when each item started ({@link #started}: an intended
 * send time, a commit) and when it arrived ({@link #arrived}), in System.nanoTime(). An arrival may come
 * before its start is noted (a commit seen before the committing call returned): it is kept and matched
 * then, counting 0. Thread-safe.
 */
final class LatencyRecorder {

    /**
     * What one run gave: the histogram (µs; what never arrived counted with the time waited so far, a
     * lower bound), the arrivals, what never arrived, arrivals matching nothing (duplicates, strays)
     * and when the last arrival came.
     */
    record Result(Histogram micros, long received, long undelivered, long strays, long lastReceivedNanos) {

        Percentiles percentiles() {
            return Percentiles.of(micros);
        }
    }

    private final Map<String, Long> pending = new HashMap<>();
    private final Map<String, Long> unmatched = new HashMap<>();
    private Histogram micros = newHistogram();
    private long received;
    private long lastReceivedNanos;

    /** Forgets everything: the start of a run. */
    synchronized void reset() {
        pending.clear();
        unmatched.clear();
        micros = newHistogram();
        received = 0;
        lastReceivedNanos = 0;
    }

    /** Item {@code key} started at {@code nanos}. */
    synchronized void started(String key, long nanos) {
        Long arrivedAt = meet(unmatched, pending, key, nanos);
        if (arrivedAt != null) {
            record(arrivedAt - nanos, arrivedAt);
        }
    }

    /** Item {@code key} arrived at {@code nanos}. */
    synchronized void arrived(String key, long nanos) {
        Long startedAt = meet(pending, unmatched, key, nanos);
        if (startedAt != null) {
            record(nanos - startedAt, nanos);
        }
    }

    /**
     * One end of item {@code key} at {@code nanos}: takes the other end's time from {@code otherEnds}, or,
     * when it has not come yet, keeps this end in {@code ownEnds} for it and answers null.
     */
    private static Long meet(Map<String, Long> otherEnds, Map<String, Long> ownEnds, String key, long nanos) {
        Long other = otherEnds.remove(key);
        if (other == null) {
            ownEnds.put(key, nanos);
        }
        return other;
    }

    /** Arrivals matched so far. */
    synchronized long received() {
        return received;
    }

    /** Ends the run at {@code nowNanos}: what has not arrived counts with the time waited until then. */
    synchronized Result finish(long nowNanos) {
        List<Long> missing = new ArrayList<>(pending.values());
        missing.forEach(at -> micros.recordValue(Math.min(micros.getHighestTrackableValue(), (nowNanos - at) / 1000)));
        Result result = new Result(micros.copy(), received, missing.size(), unmatched.size(), lastReceivedNanos);
        reset();
        return result;
    }

    private void record(long nanos, long arrivedAt) {
        micros.recordValue(Math.min(micros.getHighestTrackableValue(), Math.max(0, nanos / 1000)));
        received++;
        lastReceivedNanos = Math.max(lastReceivedNanos, arrivedAt);
    }

    private static Histogram newHistogram() {
        return new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    }
}
