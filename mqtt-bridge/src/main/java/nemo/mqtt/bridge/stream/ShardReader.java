package nemo.mqtt.bridge.stream;

import java.time.Duration;
import java.util.List;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mqtt.MqttException;
import nemo.mqtt.bridge.Backoff;
import nemo.mqtt.bridge.OutageLog;
import nemo.mqtt.bridge.mqtt.BrokerConnection;
import nemo.mqtt.bridge.mqtt.NotConnectedException;
import nemo.mqtt.bridge.mqtt.PublishWindow;

/**
 * Moves one shard stream to the broker, in stream order. After every (re)connection it first
 * publishes its own pending entries (the ones not yet confirmed), then new ones; an entry is
 * acked only after its PUBACK. Entries read during a connection that has since been lost are not
 * published but left pending, so the replay keeps them in order.
 */
final class ShardReader {

    private static final Logger LOG = Logger.getLogger(ShardReader.class);

    private final String stream;
    private final Streams streams;
    private final Acks acks;
    private final DeadLetters deadLetters;
    private final BrokerConnection broker;
    private final PublishWindow window;
    private final Counter published;
    private final int readCount;
    private final Duration block;
    private final Backoff backoff;
    private final OutageLog outage;

    private volatile boolean running;
    private boolean groupReady;
    /** The connection whose replay of pending entries has finished; new entries flow only on that one. */
    private long replayedGeneration = -1;
    private long replayingGeneration = -1;
    private String replayCursor = Streams.PENDING_FROM_START;

    ShardReader(String stream, Streams streams, Acks acks, DeadLetters deadLetters, BrokerConnection broker,
            PublishWindow window, Counter published, int readCount, Duration block, Backoff backoff) {
        this.stream = stream;
        this.streams = streams;
        this.acks = acks;
        this.deadLetters = deadLetters;
        this.broker = broker;
        this.window = window;
        this.published = published;
        this.readCount = readCount;
        this.block = block;
        this.backoff = backoff;
        this.outage = new OutageLog(LOG, "Redis (stream " + stream + ")");
    }

    void start() {
        running = true;
        next();
    }

    void stop() {
        running = false;
    }

    private void next() {
        if (!running) {
            return;
        }
        Uni.createFrom().deferred(this::step).subscribe().with(ignored -> {
            backoff.reset();
            outage.recovered();
            next();
        }, failure -> {
            if (!running) {
                return; // shutting down: Redis closing under us is expected
            }
            outage.failed(failure);
            Uni.createFrom().voidItem().onItem().delayIt().by(backoff.next()).subscribe().with(ignored -> next());
        });
    }

    private Uni<Void> step() {
        if (!groupReady) {
            return streams.ensureGroup(stream).invoke(() -> groupReady = true);
        }
        return broker.connected().chain(this::readAndPublish);
    }

    /**
     * Reads a batch, then sends it in order, each publish taking a window permit first; permits are
     * never held while a read blocks, so an idle shard does not starve a busy one.
     */
    private Uni<Void> readAndPublish(long generation) {
        boolean replay = replayedGeneration != generation;
        if (replay && replayingGeneration != generation) {
            replayingGeneration = generation;
            replayCursor = Streams.PENDING_FROM_START;
        }
        Uni<List<Entry>> read = replay
                ? streams.readPending(stream, replayCursor, readCount)
                : streams.readNew(stream, readCount, block);
        return read.chain(entries -> {
            if (replay) {
                if (entries.isEmpty()) {
                    replayedGeneration = generation;
                    LOG.debugf("%s: pending entries replayed on connection %d", stream, generation);
                } else {
                    replayCursor = entries.get(entries.size() - 1).id();
                }
            }
            return Multi.createFrom().iterable(entries)
                    .onItem().transformToUniAndConcatenate(entry -> window.acquire()
                            .invoke(() -> publish(generation, entry)))
                    .collect().last().replaceWithVoid();
        });
    }

    private void publish(long generation, Entry entry) {
        if (entry.topic() == null || entry.payload() == null) {
            window.release();
            deadLetter(entry, "entry has no topic or payload");
            return;
        }
        broker.publish(generation, entry.topic(), entry.payload(), entry.qos(), entry.retain())
                .subscribe().with(ignored -> {
                    window.release();
                    published.increment();
                    acks.ack(stream, entry.id());
                }, failure -> {
                    window.release();
                    if (failure instanceof MqttException refused
                            && refused.code() == MqttException.MQTT_INVALID_TOPIC_NAME) {
                        deadLetter(entry, refused.getMessage());
                    } else if (!(failure instanceof NotConnectedException)) {
                        LOG.debugf("Publish of %s failed, left pending: %s", entry.id(), failure.getMessage());
                    }
                    // a lost connection leaves it pending: it is replayed, in order, on the next one
                });
    }

    private void deadLetter(Entry entry, String reason) {
        deadLetters.add(entry, reason).subscribe().with(ignored -> acks.ack(stream, entry.id()),
                failure -> LOG.warnf("Could not dead-letter %s: %s", entry.id(), failure.getMessage()));
    }
}
