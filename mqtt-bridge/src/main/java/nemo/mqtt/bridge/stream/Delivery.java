package nemo.mqtt.bridge.stream;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import nemo.mqtt.bridge.Backoff;
import nemo.mqtt.bridge.BridgeConfig;
import nemo.mqtt.bridge.mqtt.BrokerConnection;
import nemo.mqtt.bridge.mqtt.PublishWindow;

/** Starts one reader per shard stream and the broker connection; on shutdown lets in-flight publishes finish. */
@ApplicationScoped
public class Delivery {

    private static final Logger LOG = Logger.getLogger(Delivery.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final BrokerConnection broker;
    private final PublishWindow window;
    private final Acks acks;
    private final List<ShardReader> readers;

    Delivery(BridgeConfig config, Streams streams, Acks acks, DeadLetters deadLetters, BrokerConnection broker,
            PublishWindow window, MeterRegistry registry) {
        this.broker = broker;
        this.window = window;
        this.acks = acks;
        Counter published = registry.counter("nemo.bridge.published");
        BridgeConfig.Streams s = config.streams();
        this.readers = IntStream.range(0, s.shards())
                .mapToObj(shard -> new ShardReader(s.keyPrefix() + ":" + shard, streams, acks, deadLetters, broker,
                        window, published, s.readCount(), s.block(), new Backoff(config.redisBackoff())))
                .toList();
    }

    void start(@Observes StartupEvent event) {
        broker.start();
        readers.forEach(ShardReader::start);
        LOG.infof("Delivering %d shard streams", readers.size());
    }

    /** Stops reading, gives in-flight publishes and their acks time to finish, then disconnects cleanly. */
    void stop(@Observes ShutdownEvent event) {
        readers.forEach(ShardReader::stop);
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while ((window.used() > 0 || acks.waiting() > 0) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20); // shutdown thread, not an event loop: waiting here is what it is for
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        broker.stop().await().atMost(Duration.ofSeconds(5));
    }
}
