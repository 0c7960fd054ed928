package nemo.mqtt.monitor.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down password guessing without locking the real person out for long. Keys are whatever the
 * caller counts by (a user name, a client address). After {@code maxFailures} failures of one key
 * within {@code window}, that key waits {@code firstWait}; every further failure doubles the wait,
 * up to {@code maxWait} (so slow guessing stays slow). A key with no failure for {@code forgetAfter}
 * starts over. At most {@code maxTracked} keys are remembered; a key that is blocked or has failures
 * within its window is never forgotten to make room for a new one (a flood of made-up names must not
 * unblock {@code admin}): the least recent other keys go first, and when none is left a new key is
 * refused as if blocked until room frees up. Not thread-safe on purpose: callers hold one instance and
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
    /** In order of the latest failure, oldest first (a failure moves its key to the end). */
    private final Map<String, Record> records = new LinkedHashMap<>();

    private static final class Record {
        final Deque<Instant> failures = new ArrayDeque<>();
        int blocks;
        Instant blockedUntil = Instant.MIN;
        Instant lastFailure = Instant.MIN;
    }

    /**
     * @param maxTracked how many keys are remembered at most, so a flood of addresses cannot exhaust
     *        memory; beyond that the least recent keys that are neither blocked nor within their window
     *        are forgotten, and new keys are refused while no such key is left
     */
    public SignInLimiter(
            Clock clock,
            int maxFailures,
            Duration window,
            Duration firstWait,
            Duration maxWait,
            Duration forgetAfter,
            int maxTracked) {
        if (maxFailures < 1
                || firstWait.isNegative()
                || firstWait.isZero()
                || maxWait.compareTo(firstWait) < 0
                || maxTracked < 2) {
            throw new IllegalArgumentException("need maxFailures >= 1, 0 < firstWait <= maxWait, maxTracked >= 2");
        }
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
        this.firstWait = firstWait;
        this.maxWait = maxWait;
        this.forgetAfter = forgetAfter;
        this.maxTracked = maxTracked;
    }

    /**
     * How long the longest-blocked of {@code keys} must still wait; {@link Duration#ZERO} when none is
     * blocked. Keys not yet remembered also wait while the table is full of keys that must be kept
     * (until the first of those may be forgotten), so their failures could not be counted.
     */
    public Duration waitFor(String... keys) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        int unknown = 0;
        for (String key : keys) {
            Record record = records.get(key);
            if (record == null) {
                unknown++;
            } else if (record.blockedUntil.isAfter(now)) {
                Duration left = Duration.between(now, record.blockedUntil);
                longest = left.compareTo(longest) > 0 ? left : longest;
            }
        }
        if (unknown > 0 && !makeRoom(now, unknown)) {
            Duration untilRoom = untilRoom(now);
            longest = untilRoom.compareTo(longest) > 0 ? untilRoom : longest;
        }
        return longest;
    }

    /**
     * Counts a failed attempt against every key; may start (or lengthen) their waits. A new key finding
     * no room (see {@link #waitFor}) is not remembered.
     */
    public void failed(String... keys) {
        Instant now = clock.instant();
        for (String key : keys) {
            Record record = records.remove(key);
            if (record == null || now.isAfter(record.lastFailure.plus(forgetAfter))) {
                if (record == null && !makeRoom(now, 1)) {
                    continue;
                }
                record = new Record();
            }
            records.put(key, record);
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
    }

    /** The key proved itself (a correct password for this user): its failures are forgotten. */
    public void succeeded(String key) {
        records.remove(key);
    }

    /** How many keys are remembered (for tests and metrics). */
    public int tracked() {
        return records.size();
    }

    /** Whether {@code record} must be kept: blocked, or with a failure that still counts toward a block. */
    private boolean mustKeep(Record record, Instant now) {
        return record.blockedUntil.isAfter(now) || !record.lastFailure.isBefore(now.minus(window));
    }

    /** Forgets the least recent keys that need not be kept until {@code needed} more fit; false if they cannot. */
    private boolean makeRoom(Instant now, int needed) {
        Iterator<Record> oldestFirst = records.values().iterator();
        while (records.size() + needed > maxTracked && oldestFirst.hasNext()) {
            if (!mustKeep(oldestFirst.next(), now)) {
                oldestFirst.remove();
            }
        }
        return records.size() + needed <= maxTracked;
    }

    /** How long until the first kept key may be forgotten (at least a millisecond). */
    private Duration untilRoom(Instant now) {
        Instant first = Instant.MAX;
        for (Record record : records.values()) {
            Instant free = record.lastFailure.plus(window);
            free = record.blockedUntil.isAfter(free) ? record.blockedUntil : free;
            first = free.isBefore(first) ? free : first;
        }
        Duration left = Duration.between(now, first);
        return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
    }
}
