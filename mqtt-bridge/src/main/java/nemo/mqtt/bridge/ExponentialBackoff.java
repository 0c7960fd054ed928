package nemo.mqtt.bridge;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with full jitter: the n-th delay (from 0) is uniform in
 * [1 ms, min(max, initial * multiplier^n)] (AWS Architecture Blog, "Exponential Backoff And Jitter").
 */
final class ExponentialBackoff implements Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final double multiplier;
    private final Supplier<RandomGenerator> random;
    private int attempt;

    ExponentialBackoff(BridgeConfig.Backoff config) {
        this(config, ThreadLocalRandom::current);
    }

    ExponentialBackoff(BridgeConfig.Backoff config, Supplier<RandomGenerator> random) {
        this.initialMillis = Math.max(1, config.initial().toMillis());
        this.maxMillis = Math.max(initialMillis, config.max().toMillis());
        this.multiplier = Math.max(1.0, config.multiplier());
        this.random = random;
    }

    @Override
    public synchronized Duration next() {
        double ceiling = Math.min(maxMillis, initialMillis * Math.pow(multiplier, attempt));
        attempt = Math.min(attempt + 1, 62);
        return Duration.ofMillis(1 + random.get().nextLong(Math.max(1, (long) ceiling)));
    }

    @Override
    public synchronized void reset() {
        attempt = 0;
    }
}
