package nemo.mqtt.bridge.settings;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import nemo.mqtt.bridge.BridgeConfig;
import nemo.mqtt.bridge.LoopRun;
import nemo.mqtt.bridge.mqtt.BrokerConnection;
import nemo.mqtt.service.OutageLog;
import nemo.mqtt.service.StreamsConfig;

/**
 * Applies the broker settings announced in Redis, without a restart. Polling (not pub/sub) means a
 * replica that was away, or started later, still finds the latest settings.
 */
@ApplicationScoped
public class SettingsWatcher {

    private static final Logger LOG = Logger.getLogger(SettingsWatcher.class);

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    BrokerConnection broker;

    @Inject
    SettingsReader reader;

    @Inject
    BridgeConfig config;

    @Inject
    StreamsConfig streams;

    @Inject
    MeterRegistry registry;

    private BrokerSettings configured;
    private OutageLog outage;
    private volatile boolean started;
    private volatile String lastSeen;
    private volatile long refusedAtNanos;

    @PostConstruct
    void init() {
        configured = BrokerSettings.fromConfig(config.broker());
        outage = OutageLog.forLoop(LOG, "settings-watcher", "Reading announced broker settings from Redis", registry);
    }

    /** Starts checking (the broker connection has started). */
    public void start() {
        started = true;
    }

    void stop(@Observes ShutdownEvent event) {
        started = false;
    }

    /**
     * Checks the announced settings every {@code nemo.bridge.settings.poll-interval}, one check at
     * a time. Quarkus's scheduler looks at its triggers once a second, so shorter intervals run once
     * a second. Completes (never fails) once the check and any trial it started are done.
     */
    @Scheduled(
            every = "${nemo.bridge.settings.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        if (!started) {
            return Uni.createFrom().voidItem();
        }
        return LoopRun.reported(
                redis.value(String.class).get(streams.settingsKey()).chain(this::applyIfNew), outage);
    }

    /**
     * Applies a new document if its version is newer than the applied one (older or equal ones are
     * ignored: a late or repeated announcement never undoes a newer one). Settings this bridge
     * cannot use are refused before any connection is tried; settings a broker refused are tried
     * again after a while, in case that broker was only down. Either way the old settings stay.
     */
    private Uni<Void> applyIfNew(String json) {
        if (json == null || (json.equals(lastSeen) && !retryDue())) {
            return Uni.createFrom().voidItem();
        }
        lastSeen = json;
        refusedAtNanos = 0;
        SettingsReader.Outcome outcome;
        try {
            outcome = reader.read(json, configured);
        } catch (RuntimeException unexpected) { // never left unanswered: the next version must still apply
            outcome = new SettingsReader.Outcome(-1, null, OutageLog.describe(unexpected));
        }
        long applied = broker.settings().version();
        if (outcome.version() >= 0 && outcome.version() <= applied) {
            LOG.debugf("Announced settings version %d ignored: version %d is applied", outcome.version(), applied);
            return Uni.createFrom().voidItem();
        }
        if (outcome.problem() != null) {
            broker.refused(outcome.version(), outcome.problem());
            return Uni.createFrom().voidItem();
        }
        return broker.apply(outcome.settings())
                .invoke(ok -> refusedAtNanos = ok ? 0 : System.nanoTime())
                .replaceWithVoid();
    }

    private boolean retryDue() {
        return refusedAtNanos != 0
                && System.nanoTime() - refusedAtNanos
                        > config.settings().retryRefusedAfter().toNanos();
    }
}
