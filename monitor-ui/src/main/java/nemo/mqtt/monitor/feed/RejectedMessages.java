package nemo.mqtt.monitor.feed;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

/**
 * Messages dropped because signing is on and they are unsigned or wrongly signed: counted in
 * {@code nemo_monitor_messages_rejected_total{reason="unsigned"|"wrong_signature"}} and logged at
 * most once a minute (whoever publishes them must not be able to flood the log). They reach
 * neither the board nor the live log.
 */
@ApplicationScoped
public class RejectedMessages {

    private static final Logger LOG = Logger.getLogger(RejectedMessages.class);
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;

    @Inject
    MeterRegistry registry;

    private final AtomicLong unlogged = new AtomicLong();
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    /** Counts one message on {@code topic} refused for {@code outcome}. */
    public void record(String topic, SignatureCheck.Outcome outcome) {
        registry.counter("nemo.monitor.messages.rejected", "reason", outcome.tag)
                .increment();
        long count = unlogged.incrementAndGet();
        long last = lastLogged.get();
        long now = System.nanoTime();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            unlogged.addAndGet(-count);
            LOG.warnf(
                    "Ignored %d message(s) that were %s while signing is on, the latest on %s",
                    count, outcome.tag.replace('_', ' '), topic);
        }
    }
}
