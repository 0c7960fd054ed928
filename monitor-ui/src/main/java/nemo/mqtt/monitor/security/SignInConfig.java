package nemo.mqtt.monitor.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How failed sign-ins are slowed down (prefix {@code nemo.monitor.sign-in}); see {@link SignInLimiter}. */
@ConfigMapping(prefix = "nemo.monitor.sign-in")
public interface SignInConfig {

    /** Failures of one user name, or from one address, within {@link #window()} before waits begin. */
    @WithDefault("5")
    int maxFailures();

    @WithDefault("1m")
    Duration window();

    /** The first wait; each further failure doubles it up to {@link #maxWait()}. */
    @WithDefault("1s")
    Duration firstWait();

    /** The longest a real person can be kept out by someone guessing their password. */
    @WithDefault("5m")
    Duration maxWait();

    /** After this long without failures a user name or address starts over. */
    @WithDefault("15m")
    Duration forgetAfter();

    /**
     * User names and addresses remembered at most (memory stays bounded under a flood). Blocked ones
     * and ones with failures in their window are never forgotten for new ones; while only such are
     * left, new user names and addresses are refused with 429 (see {@link SignInLimiter}).
     */
    @WithDefault("10000")
    int maxTracked();
}
