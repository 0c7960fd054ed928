package nemo.mqtt.emitter.nemo;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import nemo.mqtt.emitter.event.AcceptedEvents;
import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.outbox.OutboxRelay;
import nemo.mqtt.service.OutageLog;

/**
 * Turns what changes in a NEMO server into events, for labs that cannot give database access (NEMO
 * has no change feed, so the poller diffs). Every usage interval it reads what decides tool states
 * ({@link StateCycle}); every status interval first names and reservations ({@link StatusCycle}).
 * Event ids come from NEMO's rows ({@link NemoEventIds}), so change data capture may run alongside.
 * While NEMO fails, each tick sends one cheap probe instead of a cycle, so the poller is back within
 * one usage interval of NEMO answering again (the same after a refused token is restored).
 */
@ApplicationScoped
public class NemoPoller {

    private static final Logger LOG = Logger.getLogger(NemoPoller.class);

    @Inject
    NemoClient nemo;

    @Inject
    StateCycle state;

    @Inject
    StatusCycle status;

    @Inject
    OutboxRelay relay;

    @Inject
    PollerConfig config;

    private final MeterRegistry registry;
    private final OutageLog outage;
    private volatile String lastError;
    private volatile OffsetDateTime lastSuccess;
    private volatile Instant lastStatusPoll;
    private final Gauge lastSuccessGauge;

    NemoPoller(MeterRegistry registry) {
        this.registry = registry;
        this.outage = OutageLog.forLoop(LOG, "nemo-poller", "Polling NEMO", registry);
        this.lastSuccessGauge = Gauge.builder(
                        "nemo.poller.last.success.timestamp.seconds",
                        this,
                        p -> p.lastSuccess == null ? Double.NaN : p.lastSuccess.toEpochSecond())
                .description("When the NEMO poller last read NEMO successfully (epoch seconds)")
                .strongReference(true)
                .register(registry);
    }

    /**
     * Removes the gauge with this poller: a registry that outlives the application (tests restart
     * Quarkus in one JVM) would otherwise keep reading a stopped poller, and the first gauge of a
     * name wins.
     */
    @PreDestroy
    void removeGauge() {
        registry.remove(lastSuccessGauge);
    }

    /** Says at start-up whether the REST poller is the NEMO source; enabled without a base URL refuses to start. */
    void onStart(@Observes StartupEvent start) {
        requireBaseUrl(config);
        if (enabled()) {
            URI base = URI.create(config.baseUrl().get());
            LOG.infof(
                    "NEMO source: REST poller on, reading %s://%s%s every %s (names and reservations every %s, "
                            + "look-back %s)",
                    base.getScheme(),
                    base.getAuthority().replaceAll(".*@", ""),
                    base.getPath(),
                    config.usageInterval(),
                    config.statusInterval(),
                    config.lookBack());
        } else {
            LOG.info("NEMO source: REST poller off (nemo.emitter.poller.enabled=false)");
        }
    }

    /** Throws when the poller is enabled without {@code nemo.emitter.poller.base-url}: it would silently do nothing. */
    static void requireBaseUrl(PollerConfig config) {
        if (config.enabled() && config.baseUrl().filter(url -> !url.isBlank()).isEmpty()) {
            throw new IllegalStateException("nemo.emitter.poller.enabled=true needs nemo.emitter.poller.base-url "
                    + "(NEMO_EMITTER_POLLER_BASE_URL): refusing to start a poller that polls nothing");
        }
    }

    public boolean enabled() {
        return config.enabled() && config.baseUrl().isPresent();
    }

    public String lastError() {
        return lastError;
    }

    public OffsetDateTime lastSuccess() {
        return lastSuccess;
    }

    /** One tick: a probe first while NEMO is failing, then the status cycle when due, then the state cycle. */
    @Scheduled(
            every = "${nemo.emitter.poller.usage-interval:5s}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Disabled.class)
    Uni<Void> poll() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        boolean statusDue = lastStatusPoll == null || !now.isBefore(lastStatusPoll.plus(config.statusInterval()));
        List<EventType> stored = new ArrayList<>();
        Uni<Void> probe = lastError != null ? nemo.probe() : Uni.createFrom().voidItem();
        return probe.chain(() -> statusDue
                        ? status.run(now).invoke(stored::addAll).invoke(() -> lastStatusPoll = now)
                        : Uni.createFrom().item(List.<EventType>of()))
                .chain(() -> state.run(now).invoke(stored::addAll))
                .ifNoItem()
                .after(Duration.ofMinutes(2))
                .failWith(() -> new IllegalStateException("poll cycle timed out"))
                .invoke(() -> succeeded(stored))
                .onFailure()
                .invoke(this::failed)
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private void succeeded(List<EventType> stored) {
        outage.recovered();
        lastError = null;
        lastSuccess = OffsetDateTime.now(ZoneOffset.UTC);
        stored.forEach(type -> AcceptedEvents.count(registry, AcceptedEvents.POLLER, type));
        if (!stored.isEmpty()) {
            relay.wake();
        }
    }

    private void failed(Throwable failure) {
        String reason = failure instanceof NemoClient.NemoUnavailableException n ? n.reason : "error";
        registry.counter("nemo.poller.failures", "reason", reason).increment();
        outage.failed(failure);
        lastError = failure.getMessage();
    }

    /** Skips the poller's schedule unless it is enabled with a base URL. */
    @ApplicationScoped
    public static class Disabled implements Scheduled.SkipPredicate {
        private final PollerConfig config;

        Disabled(PollerConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !(config.enabled() && config.baseUrl().isPresent());
        }
    }
}
