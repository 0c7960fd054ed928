package nemo.mqtt.monitor.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Comparator;
import java.util.Map;

/**
 * Slows down password guessing without locking the real person out for long. Keys are whatever the
 * caller counts by (a user name, a client address). After {@code maxFailures} failures of one key
 * within {@code window}, that key waits {@code firstWait}; every further failure doubles the wait,
 * up to {@code maxWait} (so slow guessing stays slow). A key with no failure for {@code forgetAfter}
 * starts over. Not thread-safe on purpose: callers hold one instance and
 * call it from synchronized code ({@link SignInGuard}). Time comes from the given clock, so tests
 * need no sleeping.
 */
public final class SignInLimiter {

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Duration firstWait;
    private final Duration maxWait;
    private final Duration forgetAfter;
    private final int maxTracked;
    private final Map<String, Record> records = new HashMap<>();

    private static final class Record {
        final Deque<Instant> failures = new ArrayDeque<>();
        int blocks;
        Instant blockedUntil = Instant.MIN;
        Instant lastFailure = Instant.MIN;
    }

    /**
     * @param maxTracked how many keys are remembered at most; beyond that the oldest are forgotten,
     *        so a flood of addresses cannot exhaust memory
     */
    public SignInLimiter(Clock clock, int maxFailures, Duration window, Duration firstWait, Duration maxWait,
            Duration forgetAfter, int maxTracked) {
        if (maxFailures < 1 || firstWait.isNegative() || firstWait.isZero() || maxWait.compareTo(firstWait) < 0) {
            throw new IllegalArgumentException("need maxFailures >= 1 and 0 < firstWait <= maxWait");
        }
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
        this.firstWait = firstWait;
        this.maxWait = maxWait;
        this.forgetAfter = forgetAfter;
        this.maxTracked = maxTracked;
    }

    /** How long the longest-blocked of {@code keys} must still wait; {@link Duration#ZERO} when none is blocked. */
    public Duration waitFor(String... keys) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String key : keys) {
            Record record = records.get(key);
            if (record != null && record.blockedUntil.isAfter(now)) {
                Duration left = Duration.between(now, record.blockedUntil);
                longest = left.compareTo(longest) > 0 ? left : longest;
            }
        }
        return longest;
    }

    /** Counts a failed attempt against every key; may start (or lengthen) their waits. */
    public void failed(String... keys) {
        Instant now = clock.instant();
        for (String key : keys) {
            Record record = records.get(key);
            if (record == null || now.isAfter(record.lastFailure.plus(forgetAfter))) {
                record = new Record();
                records.put(key, record);
            }
            record.lastFailure = now;
            record.failures.addLast(now);
            while (record.failures.peekFirst().isBefore(now.minus(window))) {
                record.failures.removeFirst();
            }
            // once waits have begun, every further failure starts the next, longer one
            if (record.blocks > 0 || record.failures.size() >= maxFailures) {
                Duration wait = firstWait.multipliedBy(1L << Math.min(record.blocks, 30));
                record.blockedUntil = now.plus(wait.compareTo(maxWait) > 0 ? maxWait : wait);
                record.blocks++;
            }
        }
        if (records.size() > maxTracked) {
            forgetOldest(now);
        }
    }

    /** The key proved itself (a correct password for this user): its failures are forgotten. */
    public void succeeded(String key) {
        records.remove(key);
    }

    /** How many keys are remembered (for tests and metrics). */
    public int tracked() {
        return records.size();
    }

    private void forgetOldest(Instant now) {
        records.values().removeIf(r -> now.isAfter(r.lastFailure.plus(forgetAfter)) && !r.blockedUntil.isAfter(now));
        int excess = records.size() - maxTracked;
        if (excess > 0) {
            List<String> oldest = records.entrySet().stream()
                    .sorted(Comparator.comparing((Map.Entry<String, Record> e) -> e.getValue().lastFailure))
                    .limit(excess).map(Map.Entry::getKey).toList();
            oldest.forEach(records::remove);
        }
    }
}
