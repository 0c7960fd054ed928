package nemo.mqtt.bridge.settings;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import nemo.mqtt.bridge.BridgeConfig;
import nemo.mqtt.bridge.OutageLog;
import nemo.mqtt.bridge.mqtt.BrokerConnection;

/**
 * Applies the broker settings announced in Redis, without a restart. Polling (not pub/sub) means a
 * replica that was away, or started later, still finds the latest settings.
 */
@ApplicationScoped
public class SettingsWatcher {

    private static final Logger LOG = Logger.getLogger(SettingsWatcher.class);

    private final ReactiveValueCommands<String, String> values;
    private final BrokerConnection broker;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final BridgeConfig config;
    private final BrokerSettings configured;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile String lastSeen;
    private volatile long refusedAtNanos;
    private long timer = -1;

    SettingsWatcher(ReactiveRedisDataSource redis, BrokerConnection broker, ObjectMapper mapper, Vertx vertx,
            BridgeConfig config) {
        this.values = redis.value(String.class);
        this.broker = broker;
        this.mapper = mapper;
        this.vertx = vertx;
        this.config = config;
        this.configured = BrokerSettings.fromConfig(config.broker());
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
                .subscribe().with(ignored -> checking.set(false), failure -> {
                    LOG.debugf("Could not read announced settings: %s", failure.getMessage());
                    checking.set(false);
                });
    }

    private Uni<Void> applyIfNew(String json) {
        if (json == null || (json.equals(lastSeen) && !retryDue())) {
            return Uni.createFrom().voidItem();
        }
        lastSeen = json;
        AnnouncedSettings announced;
        try {
            announced = mapper.readValue(json, AnnouncedSettings.class);
        } catch (Exception e) {
            LOG.warnf("Announced broker settings are not valid JSON, ignored: %s", OutageLog.describe(e));
            refusedAtNanos = 0;
            return Uni.createFrom().voidItem();
        }
        BrokerSettings next = announced.over(configured);
        if (next.equals(broker.settings())) {
            return Uni.createFrom().voidItem();
        }
        return broker.apply(next).invoke(applied -> refusedAtNanos = applied ? 0 : System.nanoTime()).replaceWithVoid();
    }

    private boolean retryDue() {
        return refusedAtNanos != 0 && System.nanoTime() - refusedAtNanos > config.settings().retryRefusedAfter().toNanos();
    }
}
