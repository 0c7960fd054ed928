package nemo.mqtt.bridge.settings;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import nemo.mqtt.bridge.BridgeConfig;
import nemo.mqtt.bridge.mqtt.BrokerConnection;
import nemo.mqtt.service.OutageLog;

/**
 * Applies the broker settings announced in Redis, without a restart. Polling (not pub/sub) means a
 * replica that was away, or started later, still finds the latest settings.
 */
@ApplicationScoped
public class SettingsWatcher {

    private static final Logger LOG = Logger.getLogger(SettingsWatcher.class);

    private final ReactiveValueCommands<String, String> values;
    private final BrokerConnection broker;
    private final SettingsReader reader;
    private final Vertx vertx;
    private final BridgeConfig config;
    private final BrokerSettings configured;
    private final OutageLog outage;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile String lastSeen;
    private volatile long refusedAtNanos;
    private long timer = -1;

    SettingsWatcher(ReactiveRedisDataSource redis, BrokerConnection broker, SettingsReader reader, Vertx vertx,
            BridgeConfig config, MeterRegistry registry) {
        this.values = redis.value(String.class);
        this.broker = broker;
        this.reader = reader;
        this.vertx = vertx;
        this.config = config;
        this.configured = BrokerSettings.fromConfig(config.broker());
        this.outage = OutageLog.forLoop(LOG, "settings-watcher", "Reading announced broker settings from Redis", registry);
    }

    public synchronized void start() {
        timer = vertx.setPeriodic(10, config.settings().pollInterval().toMillis(), ignored -> check());
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private void check() {
        if (!checking.compareAndSet(false, true)) {
            return;
        }
        values.get(config.settings().key())
                .chain(this::applyIfNew)
                .subscribe().with(ignored -> {
                    outage.recovered();
                    checking.set(false);
                }, failure -> {
                    outage.failed(failure);
                    checking.set(false);
                });
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
        return broker.apply(outcome.settings()).invoke(ok -> refusedAtNanos = ok ? 0 : System.nanoTime()).replaceWithVoid();
    }

    private boolean retryDue() {
        return refusedAtNanos != 0 && System.nanoTime() - refusedAtNanos > config.settings().retryRefusedAfter().toNanos();
    }
}
