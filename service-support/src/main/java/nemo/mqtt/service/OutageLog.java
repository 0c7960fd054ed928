package nemo.mqtt.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

/**
 * Logs the start and the end of an outage once each (WARN with the reason, then INFO), not every
 * failed retry in between (those go to DEBUG). A background loop's outage log also counts every
 * failure in {@value #FAILURES}, tagged {@code loop}: the same metric in every service.
 */
public final class OutageLog {

    /** Failed runs of a background loop, by {@code loop} (Prometheus: nemo_background_failures_total). */
    public static final String FAILURES = "nemo.background.failures";

    /** How an outage reads: its start (what, reason), a further failure (what, reason) and its end (what). */
    private record Wording(String failing, String still, String recovered) {}

    private static final Wording DEPENDENCY =
            new Wording("%s unavailable, retrying with backoff: %s", "%s still unavailable: %s", "%s available again");
    private static final Wording LOOP =
            new Wording("%s failing, retrying: %s", "%s still failing: %s", "%s working again");

    private final Logger log;
    private final String what;
    private final Wording wording;
    private final Counter failures;
    private boolean down;

    /** For a dependency, as "{@code what} unavailable, retrying with backoff: reason" and "{@code what} available again". */
    public OutageLog(Logger log, String what) {
        this(log, what, DEPENDENCY, null);
    }

    private OutageLog(Logger log, String what, Wording wording, Counter failures) {
        this.log = log;
        this.what = what;
        this.wording = wording;
        this.failures = failures;
    }

    /**
     * For a background loop named {@code loop} (the metric's tag) doing {@code what} (the log's
     * words): "{@code what} failing, retrying: reason" and "{@code what} working again".
     */
    public static OutageLog forLoop(Logger log, String loop, String what, MeterRegistry registry) {
        Counter failures = Counter.builder(FAILURES)
                .tag("loop", loop)
                .description("Failed runs of a background loop (each outage is logged once, at WARN)")
                .register(registry);
        return new OutageLog(log, what, LOOP, failures);
    }

    public synchronized void failed(Throwable failure) {
        if (failures != null) {
            failures.increment();
        }
        if (!down) {
            down = true;
            log.warnf(wording.failing(), what, describe(failure));
        } else {
            log.debugf(wording.still(), what, describe(failure));
        }
    }

    public synchronized void recovered() {
        if (down) {
            down = false;
            log.infof(wording.recovered(), what);
        }
    }

    /** Whether the last run failed. */
    public synchronized boolean down() {
        return down;
    }

    /** The root cause's class and message, for a log line (never a stack trace). */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
