package nemo.mqtt.bridge.stream;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.smallrye.mutiny.Uni;
import io.vertx.mqtt.MqttException;
import org.jboss.logging.Logger;

import nemo.mqtt.bridge.mqtt.NotConnectedException;

/**
 * The fate of one entry of a shard stream, for its {@link ShardReader}: published and acked after its
 * PUBACK; dead-lettered (then acked) when it can never be published; acked unpublished when a newer
 * retained message is already out on its topic; otherwise left pending, to go again in order.
 */
final class EntryPublisher {

    // the category operators already filter on for these messages
    private static final Logger LOG = Logger.getLogger(ShardReader.class);

    private final String stream;
    private final ShardReaders shared;

    EntryPublisher(String stream, ShardReaders shared) {
        this.stream = stream;
        this.shared = shared;
    }

    /**
     * Publishes {@code entry} (read from the stream {@code deliveries} times) on connection {@code
     * generation}, or sets it aside; completes (never fails) once its fate is known, and only a
     * publish waits for the broker.
     */
    Uni<Void> settle(long generation, Entry entry, long deliveries) {
        String unpublishable = unpublishable(entry, deliveries);
        if (unpublishable != null) {
            deadLetter(entry, unpublishable);
        } else if (staleRetained(generation, entry)) {
            shared.staleRetainedSkipped.increment();
            shared.acks.ack(stream, entry.id());
        } else {
            return publish(generation, entry);
        }
        return Uni.createFrom().voidItem();
    }

    /** A retained entry older than one already published retained on its topic: publishing it would go back in time. */
    private boolean staleRetained(long generation, Entry entry) {
        if (!entry.retain() || entry.seq() == null) {
            return false;
        }
        String topic = shared.broker.topicFor(generation, entry.topic());
        return topic != null && !shared.retained.admit(topic, entry.seq());
    }

    /** Why an entry can never be published, or null. */
    private String unpublishable(Entry entry, long deliveries) {
        if (entry.topic() == null || entry.payload() == null) {
            return "entry has no topic or payload";
        }
        int size = entry.payload().getBytes(StandardCharsets.UTF_8).length;
        if (size > shared.config.deadLetter().maxPayloadBytes()) {
            return "payload of " + size + " bytes exceeds "
                    + shared.config.deadLetter().maxPayloadBytes();
        }
        if (deliveries > shared.config.deadLetter().maxDeliveries()) {
            return "delivered " + deliveries + " times without a PUBACK";
        }
        return null;
    }

    /** Publishes and acks after the PUBACK; a lost connection leaves the entry pending, to go again in order. */
    private Uni<Void> publish(long generation, Entry entry) {
        long sentNanos = System.nanoTime();
        return shared.broker
                .publish(generation, entry.topic(), entry.payload(), entry.qos(), entry.retain())
                .invoke(() -> {
                    shared.published.increment();
                    shared.publishLatency.record(System.nanoTime() - sentNanos, TimeUnit.NANOSECONDS);
                    shared.acks.ack(stream, entry.id());
                })
                .onFailure()
                .invoke(failure -> {
                    if (failure instanceof MqttException refused
                            && refused.code() == MqttException.MQTT_INVALID_TOPIC_NAME) {
                        deadLetter(entry, refused.getMessage());
                    } else if (!(failure instanceof NotConnectedException)) {
                        LOG.debugf("Publish of %s failed, left pending: %s", entry.id(), failure.getMessage());
                    }
                })
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private void deadLetter(Entry entry, String reason) {
        shared.deadLetters
                .add(entry, reason)
                .subscribe()
                .with(
                        ignored -> shared.acks.ack(stream, entry.id()),
                        failure -> LOG.warnf("Could not dead-letter %s: %s", entry.id(), failure.getMessage()));
    }
}
