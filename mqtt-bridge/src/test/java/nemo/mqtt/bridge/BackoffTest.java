package nemo.mqtt.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import java.util.function.LongUnaryOperator;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

/** Capped exponential backoff with full jitter, without a server: the jitter source is a test's. */
class BackoffTest {

    private static BridgeConfig.Backoff config(long initialMillis, long maxMillis, double multiplier) {
        return new BridgeConfig.Backoff() {
            @Override
            public Duration initial() {
                return Duration.ofMillis(initialMillis);
            }

            @Override
            public Duration max() {
                return Duration.ofMillis(maxMillis);
            }

            @Override
            public double multiplier() {
                return multiplier;
            }
        };
    }

    /** Always draws the largest value below the bound: the delay is then the ceiling itself. */
    private static final RandomGenerator HIGHEST = drawing(bound -> bound - 1);

    /** Always draws 0: the shortest delay. */
    private static final RandomGenerator LOWEST = drawing(bound -> 0);

    /** A generator whose {@code nextLong(bound)} is {@code draw} of the bound: a test chooses the jitter. */
    private static RandomGenerator drawing(LongUnaryOperator draw) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public long nextLong(long bound) {
                return draw.applyAsLong(bound);
            }
        };
    }

    @Test
    void theCeilingGrowsByTheMultiplierUpToTheCap() {
        Backoff backoff = Backoff.exponential(config(200, 3000, 2), () -> HIGHEST);
        long[] expected = {200, 400, 800, 1600, 3000, 3000, 3000};
        for (long ceiling : expected) {
            assertEquals(Duration.ofMillis(ceiling), backoff.next());
        }
    }

    @Test
    void fullJitterCanWaitAsLittleAsOneMillisecond() {
        Backoff backoff = Backoff.exponential(config(200, 3000, 2), () -> LOWEST);
        for (int i = 0; i < 10; i++) {
            assertEquals(Duration.ofMillis(1), backoff.next());
        }
    }

    @Test
    void everyDelayLiesWithinItsCeiling() {
        Random seeded = new Random(42);
        Backoff backoff = Backoff.exponential(config(100, 5000, 3), () -> seeded);
        for (int attempt = 0; attempt < 200; attempt++) {
            long ceiling = (long) Math.min(5000, 100 * Math.pow(3, attempt));
            long delay = backoff.next().toMillis();
            assertTrue(
                    delay >= 1 && delay <= ceiling,
                    "attempt " + attempt + ": " + delay + " not in [1, " + ceiling + "]");
        }
    }

    @Test
    void resetStartsAgainFromTheInitialDelay() {
        Backoff backoff = Backoff.exponential(config(200, 30_000, 2), () -> HIGHEST);
        for (int i = 0; i < 5; i++) {
            backoff.next();
        }
        backoff.reset();
        assertEquals(Duration.ofMillis(200), backoff.next());
    }

    @Test
    void manyAttemptsNeitherOverflowNorPassTheCap() {
        Backoff backoff = Backoff.exponential(config(200, 30_000, 2), () -> HIGHEST);
        for (int i = 0; i < 1000; i++) {
            assertTrue(backoff.next().toMillis() <= 30_000);
        }
        assertEquals(Duration.ofMillis(30_000), backoff.next());
    }

    @Test
    void oddSettingsAreMadeSafe() {
        // a zero initial delay, a cap below it and a shrinking multiplier would spin or shrink: they are raised
        Backoff backoff = Backoff.exponential(config(0, 0, 0.5), () -> HIGHEST);
        assertEquals(Duration.ofMillis(1), backoff.next());
        assertEquals(Duration.ofMillis(1), backoff.next());
        Backoff capBelowInitial = Backoff.exponential(config(500, 100, 2), () -> HIGHEST);
        assertEquals(Duration.ofMillis(500), capBelowInitial.next());
        assertEquals(Duration.ofMillis(500), capBelowInitial.next());
    }
}
