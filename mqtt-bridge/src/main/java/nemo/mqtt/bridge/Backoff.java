package nemo.mqtt.bridge;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * How long to wait before the next attempt after a failure: a small policy the broker connection
 * and the shard readers are given, so a test can give them its own. {@link #next()} gives the delay
 * before the next attempt (each call counts as one more failure); {@link #reset()} starts over
 * after a success.
 */
public interface Backoff {

    /** @return the delay before the next attempt; never below 1 ms */
    Duration next();

    /** Starts over from the first delay: the last attempt succeeded. */
    void reset();

    /** @return capped exponential backoff with full jitter, as {@code config} says ({@link ExponentialBackoff}) */
    static Backoff exponential(BridgeConfig.Backoff config) {
        return new ExponentialBackoff(config);
    }

    /** As {@link #exponential(BridgeConfig.Backoff)}, drawing the jitter from {@code random} (a test's seeded one). */
    static Backoff exponential(BridgeConfig.Backoff config, Supplier<RandomGenerator> random) {
        return new ExponentialBackoff(config, random);
    }
}
