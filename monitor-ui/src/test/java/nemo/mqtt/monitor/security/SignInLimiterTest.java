package nemo.mqtt.monitor.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SignInLimiterTest {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-11-30T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final HandClock clock = new HandClock();
    private final SignInLimiter limiter = new SignInLimiter(
            clock, 5, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(15), 100);

    private void fail(int times, String... keys) {
        for (int i = 0; i < times; i++) {
            limiter.failed(keys);
        }
    }

    @Test
    void fourFailuresCostNothingTheFifthStartsAWait() {
        fail(4, "user:admin");
        assertEquals(Duration.ZERO, limiter.waitFor("user:admin"));
        fail(1, "user:admin");
        assertEquals(Duration.ofSeconds(1), limiter.waitFor("user:admin"));
        assertEquals(Duration.ZERO, limiter.waitFor("user:viewer"), "other keys are not held up");
    }

    @Test
    void theWaitDoublesUpToTheCapAndThenExpires() {
        fail(5, "user:admin");
        Duration expected = Duration.ofSeconds(1);
        for (int round = 0; round < 12; round++) {
            assertEquals(expected, limiter.waitFor("user:admin"), "round " + round);
            clock.advance(expected);
            assertEquals(Duration.ZERO, limiter.waitFor("user:admin"), "the wait expires");
            fail(1, "user:admin");
            expected = expected.multipliedBy(2).compareTo(Duration.ofMinutes(5)) > 0
                    ? Duration.ofMinutes(5)
                    : expected.multipliedBy(2);
        }
        assertEquals(Duration.ofMinutes(5), limiter.waitFor("user:admin"), "never more than the cap");
    }

    @Test
    void failuresSpreadOverMoreThanTheWindowNeverBlock() {
        for (int i = 0; i < 20; i++) {
            fail(1, "address:10.0.0.1");
            clock.advance(Duration.ofSeconds(16));
        }
        assertEquals(Duration.ZERO, limiter.waitFor("address:10.0.0.1"));
    }

    @Test
    void aQuietSpellOrTheRightPasswordStartsOver() {
        fail(8, "user:admin");
        clock.advance(Duration.ofMinutes(16));
        fail(4, "user:admin");
        assertEquals(Duration.ZERO, limiter.waitFor("user:admin"), "forgotten after 15 quiet minutes");
        fail(1, "user:admin");
        assertEquals(Duration.ofSeconds(1), limiter.waitFor("user:admin"), "and the wait starts small again");
        limiter.succeeded("user:admin");
        assertEquals(Duration.ZERO, limiter.waitFor("user:admin"));
    }

    @Test
    void theLongestWaitOfTheKeysCounts() {
        fail(5, "address:10.0.0.1");
        assertEquals(Duration.ofSeconds(1), limiter.waitFor("user:someone", "address:10.0.0.1"));
    }

    @Test
    void memoryStaysBoundedUnderAFloodOfAddresses() {
        for (int i = 0; i < 1000; i++) {
            fail(1, "address:10.0." + (i / 256) + "." + (i % 256));
        }
        assertTrue(limiter.tracked() <= 100, "tracked " + limiter.tracked());
    }

    @Test
    void aThousandGuessesWithinSecondsAreMostlyRefused() {
        int checked = 0;
        for (int i = 0; i < 1000; i++) {
            if (limiter.waitFor("user:admin", "address:10.0.0.9").isZero()) {
                checked++;
                fail(1, "user:admin", "address:10.0.0.9");
            }
            clock.advance(Duration.ofMillis(1));
        }
        assertEquals(5, checked, "1.4 s of guessing gets five passwords checked");
    }

    /** The tester's flood: made-up user names from many addresses must not push a blocked admin out. */
    @Test
    void aFloodOfNewKeysNeverForgetsABlockedOne() {
        fail(5, "user:admin", "address:10.0.0.9");
        Duration adminWait = limiter.waitFor("user:admin");
        assertEquals(Duration.ofSeconds(1), adminWait);
        int refused = 0;
        for (int i = 0; i < 500; i++) {
            String[] keys = {"user:made-up-" + i, "address:10.1.0." + (i / 5)};
            if (limiter.waitFor(keys).isZero()) {
                limiter.failed(keys);
            } else {
                refused++;
            }
        }
        assertTrue(limiter.tracked() <= 100, "tracked " + limiter.tracked());
        assertEquals(adminWait, limiter.waitFor("user:admin"), "admin is still blocked");
        assertEquals(adminWait, limiter.waitFor("address:10.0.0.9"), "and so is its address");
        assertTrue(refused > 400, "new keys are refused while the table is full of kept ones: " + refused);
        // the refusal lasts until the first kept key may be forgotten (its window ends), then room frees up
        Duration untilRoom = limiter.waitFor("user:newcomer", "address:10.2.0.1");
        assertEquals(Duration.ofMinutes(1), untilRoom);
        clock.advance(untilRoom.plusMillis(1));
        assertEquals(Duration.ZERO, limiter.waitFor("user:newcomer", "address:10.2.0.1"));
    }

    @Test
    void theLeastRecentKeyNotKeptIsForgottenFirst() {
        fail(1, "address:10.0.0.1");
        clock.advance(Duration.ofMinutes(2)); // out of its window, not blocked: may be forgotten
        fail(5, "user:admin");
        for (int i = 0; i < 98; i++) {
            fail(1, "address:10.1.0." + i);
        }
        assertEquals(100, limiter.tracked());
        assertEquals(Duration.ZERO, limiter.waitFor("address:10.2.0.1"), "room is made for a new key");
        fail(1, "address:10.2.0.1");
        assertEquals(100, limiter.tracked());
        assertEquals(Duration.ofSeconds(1), limiter.waitFor("user:admin"));
    }
}
