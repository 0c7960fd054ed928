package nemo.mqtt.bridge.stream;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;

import nemo.mqtt.bridge.BridgeConfig;
import nemo.mqtt.bridge.health.ConsumerNameGuard;
import nemo.mqtt.bridge.health.Heartbeat;
import nemo.mqtt.bridge.mqtt.BrokerConnection;
import nemo.mqtt.bridge.settings.SettingsWatcher;
import nemo.mqtt.bridge.shard.ShardOwnership;
import nemo.mqtt.service.OutageLog;
import nemo.mqtt.service.StreamsConfig;

/**
 * Starts the broker connection and shard ownership; on shutdown (SIGTERM) stops reading, lets the
 * publishes in flight and their acks finish, hands the shards back and disconnects cleanly.
 */
@ApplicationScoped
public class Delivery {

    private static final Logger LOG = Logger.getLogger(Delivery.class);

    private final BrokerConnection broker;
    private final ShardOwnership ownership;
    private final Acks acks;
    private final SettingsWatcher settings;
    private final ConsumerNameGuard nameGuard;
    private final Heartbeat heartbeat;
    private final BridgeConfig config;
    private final StreamsConfig streams;
    private volatile boolean started;
    private boolean stopping;

    Delivery(
            BrokerConnection broker,
            ShardOwnership ownership,
            Acks acks,
            SettingsWatcher settings,
            ConsumerNameGuard nameGuard,
            Heartbeat heartbeat,
            BridgeConfig config,
            StreamsConfig streams) {
        this.broker = broker;
        this.ownership = ownership;
        this.acks = acks;
        this.settings = settings;
        this.nameGuard = nameGuard;
        this.heartbeat = heartbeat;
        this.config = config;
        this.streams = streams;
    }

    /**
     * Starts only once this process holds its consumer name, waiting for Redis if it is down; while
     * another live replica holds the name, the process exits with status 1 rather than fight it for
     * the broker session.
     */
    void start(@Observes StartupEvent event) {
        nameGuard
                .claim()
                .onFailure(failure -> !(failure instanceof ConsumerNameGuard.DuplicateConsumerNameException))
                .invoke(failure ->
                        LOG.warnf("Cannot check the consumer name yet, retrying: %s", OutageLog.describe(failure)))
                .onFailure(failure -> !(failure instanceof ConsumerNameGuard.DuplicateConsumerNameException))
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
                .indefinitely()
                .subscribe()
                .with(claimed -> startDelivery(), duplicate -> {
                    LOG.error(duplicate.getMessage());
                    Quarkus.asyncExit(1);
                });
    }

    private synchronized void startDelivery() {
        if (stopping) {
            return;
        }
        started = true;
        heartbeat.start();
        broker.start();
        settings.start();
        ownership.start();
        LOG.infof("Bridge %s sharing %d shard streams with its peers", config.consumerName(), streams.shards());
    }

    void stop(@Observes ShutdownEvent event) {
        synchronized (this) {
            stopping = true;
        }
        if (!started) {
            return; // never started: the name, the leases and the membership are another replica's
        }
        Duration drain = config.lease().drainTimeout();
        ownership.stop().await().atMost(drain.plusSeconds(5));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (acks.waiting() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20); // shutdown thread, not an event loop: waiting for the last XACKs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        broker.stop().await().atMost(Duration.ofSeconds(5));
        LOG.info("Bridge stopped: shards handed back, broker disconnected");
    }
}
