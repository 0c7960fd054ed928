package nemo.mqtt.monitor.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

/**
 * Watches sign-ins: each failure is logged (user name and client address, never the password) and
 * counted ({@code nemo_monitor_signin_failures_total}, by reason), and fed to the {@link SignInLimiter}
 * by user name and by address, so guessing slows down (issue 14: a thousand guesses in 1.4 s).
 */
@ApplicationScoped
public class SignInGuard {

    private static final Logger LOG = Logger.getLogger(SignInGuard.class);

    private final SignInLimiter limiter;
    private final Counter wrongPassword;
    private final Counter throttled;

    SignInGuard(SignInConfig config, MeterRegistry registry) {
        this.limiter = new SignInLimiter(
                Clock.systemUTC(),
                config.maxFailures(),
                config.window(),
                config.firstWait(),
                config.maxWait(),
                config.forgetAfter(),
                config.maxTracked());
        this.wrongPassword = failures(registry, "wrong_password");
        this.throttled = failures(registry, "throttled");
    }

    private static Counter failures(MeterRegistry registry, String reason) {
        return Counter.builder("nemo.monitor.signin.failures")
                .description("Sign-ins refused, by reason")
                .tag("reason", reason)
                .register(registry);
    }

    /** How long this user name and address must still wait before their password is checked (zero: go ahead). */
    public synchronized Duration waitFor(String user, String address) {
        return limiter.waitFor(userKey(user), addressKey(address));
    }

    /** An attempt refused for waiting; counted, not logged (a flood must not flood the log). */
    public void throttled() {
        throttled.increment();
    }

    /** A wrong user name or password. */
    public void failed(String user, String address) {
        synchronized (this) {
            limiter.failed(userKey(user), addressKey(address));
        }
        wrongPassword.increment();
        LOG.infof("Sign-in failed for user \"%s\" from %s", printable(user), address);
    }

    /** The right password: this user name's failures are forgotten (the address's stay). */
    public synchronized void succeeded(String user) {
        limiter.succeeded(userKey(user));
    }

    private static String userKey(String user) {
        return "user:" + user.toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    /** A user name as typed, safe for one log line: printable ASCII, at most 64 characters. */
    static String printable(String user) {
        String shown = user.length() > 64 ? user.substring(0, 64) + "…" : user;
        return shown.replaceAll("[^\\x20-\\x7E…]", "?").replace("\"", "?");
    }
}
