package nemo.mqtt.bridge;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** Capped exponential backoff with full jitter: the n-th delay is uniform in [0, min(max, initial * multiplier^n)]. */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final double multiplier;
    private final Supplier<RandomGenerator> random;
    private int attempt;

    public Backoff(BridgeConfig.Backoff config) {
        this(config, ThreadLocalRandom::current);
    }

    /** As {@link #Backoff(BridgeConfig.Backoff)}, drawing the jitter from {@code random} (a test's seeded one). */
    public Backoff(BridgeConfig.Backoff config, Supplier<RandomGenerator> random) {
        this.initialMillis = Math.max(1, config.initial().toMillis());
        this.maxMillis = Math.max(initialMillis, config.max().toMillis());
        this.multiplier = Math.max(1.0, config.multiplier());
        this.random = random;
    }

    public synchronized Duration next() {
        double ceiling = Math.min(maxMillis, initialMillis * Math.pow(multiplier, attempt));
        attempt = Math.min(attempt + 1, 62);
        return Duration.ofMillis(1 + random.get().nextLong(Math.max(1, (long) ceiling)));
    }

    public synchronized void reset() {
        attempt = 0;
    }
}
