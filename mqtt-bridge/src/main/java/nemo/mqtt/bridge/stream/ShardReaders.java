package nemo.mqtt.bridge.stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import nemo.mqtt.bridge.BridgeConfig;
import nemo.mqtt.bridge.mqtt.BrokerConnection;
import nemo.mqtt.bridge.mqtt.PublishWindow;

/** Makes the reader of a shard stream this replica has come to own; they share these collaborators. */
@ApplicationScoped
public class ShardReaders {

    final Streams streams;
    final Acks acks;
    final DeadLetters deadLetters;
    final BrokerConnection broker;
    final PublishWindow window;
    final Counter published;
    final Timer publishLatency;
    final BridgeConfig config;
    final RetainedSeqs retained;
    final Counter staleRetainedSkipped;

    ShardReaders(
            Streams streams,
            Acks acks,
            DeadLetters deadLetters,
            BrokerConnection broker,
            PublishWindow window,
            MeterRegistry registry,
            BridgeConfig config) {
        this.streams = streams;
        this.acks = acks;
        this.deadLetters = deadLetters;
        this.broker = broker;
        this.window = window;
        this.published = registry.counter("nemo.bridge.published");
        this.publishLatency = Timer.builder("nemo.bridge.publish.latency")
                .description("From sending a publish to the broker's PUBACK")
                .publishPercentileHistogram()
                .register(registry);
        this.config = config;
        this.retained = new RetainedSeqs(config.retained().maxTopics());
        this.staleRetainedSkipped = Counter.builder("nemo.bridge.stale.retained.skipped")
                .description("Retained entries acked without publishing: their topic already has a newer seq")
                .register(registry);
    }

    public ShardReader create(String stream) {
        return new ShardReader(stream, this);
    }
}
