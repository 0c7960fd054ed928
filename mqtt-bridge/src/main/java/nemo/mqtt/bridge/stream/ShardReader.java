package nemo.mqtt.bridge.stream;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mqtt.MqttException;
import nemo.mqtt.bridge.Backoff;
import nemo.mqtt.bridge.mqtt.NotConnectedException;
import nemo.mqtt.service.OutageLog;

/**
 * Moves one shard stream to the broker, in stream order, while this replica owns the shard. After
 * every (re)connection, and when it starts, it first publishes its own pending entries (including
 * those claimed from a previous owner), then new ones; an entry is acked only after its PUBACK.
 * Entries read during a connection that has since been lost, or after the reader was stopped, are
 * not published but left pending, so whoever publishes them next keeps them in order.
 */
public final class ShardReader {

    private static final Logger LOG = Logger.getLogger(ShardReader.class);

    private final String stream;
    private final ShardReaders shared;
    private final Backoff backoff;
    private final OutageLog outage;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final PendingRecheck recheck;

    private volatile boolean running;
    private volatile boolean stepping;
    private boolean groupReady;
    /** The connection whose replay of pending entries has finished; new entries flow only on that one. */
    private long replayedGeneration = -1;
    private long replayingGeneration = -1;
    private String replayCursor = Streams.PENDING_FROM_START;

    ShardReader(String stream, ShardReaders shared) {
        this.stream = stream;
        this.shared = shared;
        this.backoff = new Backoff(shared.config.redisBackoff());
        this.outage = new OutageLog(LOG, "Redis (stream " + stream + ")");
        this.recheck = new PendingRecheck(stream, shared.streams, shared.config.streams().pendingRecheck());
    }

    public String stream() {
        return stream;
    }

    public void start() {
        running = true;
        next();
    }

    /** Stops reading; publishes already sent still complete and are acked. */
    public void stop() {
        running = false;
    }

    /** Stopped, no read under way and every publish it sent confirmed or abandoned. */
    public boolean isIdle() {
        return !running && !stepping && inFlight.get() == 0;
    }

    private void next() {
        if (!running) {
            return;
        }
        stepping = true;
        Uni.createFrom().deferred(this::step).subscribe().with(ignored -> {
            stepping = false;
            backoff.reset();
            outage.recovered();
            next();
        }, failure -> {
            stepping = false;
            if (!running) {
                return; // stopped, or shutting down: Redis closing under us is expected
            }
            outage.failed(failure);
            // a read whose reply was lost (Redis died after answering) left entries pending unseen: replay first
            replayedGeneration = replayingGeneration = -1;
            Uni.createFrom().voidItem().onItem().delayIt().by(backoff.next()).subscribe().with(ignored -> next());
        });
    }

    private Uni<Void> step() {
        if (!groupReady) {
            return shared.streams.ensureGroup(stream).invoke(() -> groupReady = true);
        }
        return shared.broker.connected().chain(generation -> recheck.replayDue().chain(due -> {
            if (due) { // replay this connection's pending entries again, from the start
                replayedGeneration = replayingGeneration = -1;
            }
            return readAndPublish(generation);
        }));
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
        int count = shared.config.streams().readCount();
        Duration block = shared.config.streams().block();
        Uni<List<Entry>> read = replay
                ? shared.streams.readPending(stream, replayCursor, count)
                : shared.streams.readNew(stream, count, block);
        return read.emitOn(shared.broker.executor()).chain(entries -> replay ? withDeliveryCounts(entries) : Uni.createFrom().item(entries)
                .map(list -> list.stream().map(e -> new Counted(e, 1L)).toList()))
                .chain(entries -> {
            if (!running) {
                return Uni.createFrom().voidItem(); // left pending for the next owner, in order
            }
            if (replay) {
                if (entries.isEmpty()) {
                    replayedGeneration = generation;
                    LOG.debugf("%s: pending entries replayed on connection %d", stream, generation);
                } else {
                    replayCursor = entries.get(entries.size() - 1).entry().id();
                }
            }
            return Multi.createFrom().iterable(entries)
                    .onItem().transformToUniAndConcatenate(counted -> shared.window.acquire()
                            .invoke(() -> publishUnlessStopped(generation, counted)))
                    .collect().last().replaceWithVoid();
        });
    }

    /** An entry with the number of times it has been delivered to this group. */
    private record Counted(Entry entry, long deliveries) {
    }

    /** Replayed entries carry their delivery counts, so one that keeps failing can be set aside. */
    private Uni<List<Counted>> withDeliveryCounts(List<Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return shared.streams.deliveryCounts(stream, entries.get(0).id(), entries.get(entries.size() - 1).id(),
                entries.size())
                .map(counts -> entries.stream().map(e -> new Counted(e, counts.getOrDefault(e.id(), 1L))).toList());
    }

    private void publishUnlessStopped(long generation, Counted counted) {
        if (!running) {
            shared.window.release(); // stays pending: the next owner publishes it, in order
            return;
        }
        String unpublishable = unpublishable(counted);
        if (unpublishable != null) {
            shared.window.release();
            deadLetter(counted.entry(), unpublishable);
            return;
        }
        if (staleRetained(generation, counted.entry())) {
            shared.window.release();
            shared.staleRetainedSkipped.increment();
            shared.acks.ack(stream, counted.entry().id());
            return;
        }
        publish(generation, counted.entry());
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
    private String unpublishable(Counted counted) {
        Entry entry = counted.entry();
        if (entry.topic() == null || entry.payload() == null) {
            return "entry has no topic or payload";
        }
        int size = entry.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (size > shared.config.deadLetter().maxPayloadBytes()) {
            return "payload of " + size + " bytes exceeds " + shared.config.deadLetter().maxPayloadBytes();
        }
        if (counted.deliveries() > shared.config.deadLetter().maxDeliveries()) {
            return "delivered " + counted.deliveries() + " times without a PUBACK";
        }
        return null;
    }

    private void publish(long generation, Entry entry) {
        long sentNanos = System.nanoTime();
        inFlight.incrementAndGet();
        shared.broker.publish(generation, entry.topic(), entry.payload(), entry.qos(), entry.retain())
                .subscribe().with(ignored -> {
                    shared.window.release();
                    shared.published.increment();
                    shared.publishLatency.record(System.nanoTime() - sentNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
                    shared.acks.ack(stream, entry.id());
                    inFlight.decrementAndGet();
                }, failure -> {
                    shared.window.release();
                    if (failure instanceof MqttException refused
                            && refused.code() == MqttException.MQTT_INVALID_TOPIC_NAME) {
                        deadLetter(entry, refused.getMessage());
                    } else if (!(failure instanceof NotConnectedException)) {
                        LOG.debugf("Publish of %s failed, left pending: %s", entry.id(), failure.getMessage());
                    }
                    // a lost connection leaves it pending: it is replayed, in order, on the next one
                    inFlight.decrementAndGet();
                });
    }

    private void deadLetter(Entry entry, String reason) {
        shared.deadLetters.add(entry, reason).subscribe().with(ignored -> shared.acks.ack(stream, entry.id()),
                failure -> LOG.warnf("Could not dead-letter %s: %s", entry.id(), failure.getMessage()));
    }
}
