package nemo.mqtt.bridge.stream;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import nemo.mqtt.bridge.Backoff;
import nemo.mqtt.service.OutageLog;

/**
 * Moves one shard stream to the broker, in stream order, while this replica owns the shard. After
 * every (re)connection, and when it starts, it first publishes its own pending entries (including
 * those claimed from a previous owner; {@link Replay}), then new ones; an entry is acked only after
 * its PUBACK. Entries read during a connection that has since been lost, or after the reader was
 * stopped, are not published but left pending, so whoever publishes them next keeps them in order.
 */
public final class ShardReader {

    private static final Logger LOG = Logger.getLogger(ShardReader.class);

    private final String stream;
    private final ShardReaders shared;
    private final Backoff backoff;
    private final OutageLog outage;
    private final Replay replay = new Replay();
    private final EntryPublisher publisher;
    /** Window permits this reader holds: each is given back in {@link #settle}, and only there. */
    private final AtomicInteger permits = new AtomicInteger();

    private final PendingRecheck recheck;

    private volatile boolean running;
    private volatile boolean stepping;
    private boolean groupReady;

    ShardReader(String stream, ShardReaders shared) {
        this.stream = stream;
        this.shared = shared;
        this.backoff = Backoff.exponential(shared.config.redisBackoff());
        this.publisher = new EntryPublisher(stream, shared);
        this.outage = new OutageLog(LOG, "Redis (stream " + stream + ")");
        this.recheck = new PendingRecheck(
                stream, shared.streams, shared.config.streams().pendingRecheck());
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
        return !running && !stepping && permits.get() == 0;
    }

    private void next() {
        if (!running) {
            return;
        }
        stepping = true;
        Uni.createFrom()
                .deferred(this::step)
                .subscribe()
                .with(
                        ignored -> {
                            stepping = false;
                            backoff.reset();
                            outage.recovered();
                            next();
                        },
                        failure -> {
                            stepping = false;
                            if (!running) {
                                return; // stopped, or shutting down: Redis closing under us is expected
                            }
                            outage.failed(failure);
                            // a read whose reply was lost (Redis died after answering) left entries pending unseen:
                            // replay first
                            replay.restart();
                            Uni.createFrom()
                                    .voidItem()
                                    .onItem()
                                    .delayIt()
                                    .by(backoff.next())
                                    .subscribe()
                                    .with(ignored -> next());
                        });
    }

    private Uni<Void> step() {
        if (!groupReady) {
            return shared.streams.ensureGroup(stream).invoke(() -> groupReady = true);
        }
        return shared.broker
                .connected()
                .chain(generation -> recheck.replayDue().chain(due -> {
                    if (due) { // replay this connection's pending entries again, from the start
                        replay.restart();
                    }
                    return readAndPublish(generation);
                }));
    }

    /**
     * Reads a batch (pending entries while replaying on connection {@code generation}, new ones
     * after), then sends it in order, each entry taking a window permit first; permits are never
     * held while a read blocks, so an idle shard does not starve a busy one.
     */
    private Uni<Void> readAndPublish(long generation) {
        boolean replaying = replay.replaying(generation);
        Uni<List<Counted>> batch = replaying
                ? readPending()
                : shared.streams
                        .readNew(
                                stream,
                                shared.config.streams().readCount(),
                                shared.config.streams().block())
                        .map(entries -> entries.stream()
                                .map(entry -> new Counted(entry, 1L))
                                .toList());
        return batch.emitOn(shared.broker.executor()).chain(entries -> {
            if (!running) {
                return Uni.createFrom().voidItem(); // left pending for the next owner, in order
            }
            if (replaying) {
                replay.read(generation, entries.stream().map(Counted::entry).toList());
            }
            return Multi.createFrom()
                    .iterable(entries)
                    .onItem()
                    .transformToUniAndConcatenate(
                            counted -> shared.window.acquire().invoke(() -> settle(generation, counted)))
                    .collect()
                    .last()
                    .replaceWithVoid();
        });
    }

    /** An entry with the number of times it has been delivered to this group. */
    private record Counted(Entry entry, long deliveries) {}

    /** Reads the next pending entries with their delivery counts, so one that keeps failing can be set aside. */
    private Uni<List<Counted>> readPending() {
        return shared.streams
                .readPending(stream, replay.cursor(), shared.config.streams().readCount())
                .chain(entries -> entries.isEmpty()
                        ? Uni.createFrom().item(List.<Counted>of())
                        : shared.streams
                                .deliveryCounts(
                                        stream,
                                        entries.get(0).id(),
                                        entries.get(entries.size() - 1).id(),
                                        entries.size())
                                .map(counts -> entries.stream()
                                        .map(e -> new Counted(e, counts.getOrDefault(e.id(), 1L)))
                                        .toList()));
    }

    /**
     * Publishes {@code counted} holding a window permit, or settles it without publishing (left
     * pending, dead-lettered or acked as stale; {@link EntryPublisher}); the permit goes back once
     * that is known, here only.
     */
    private void settle(long generation, Counted counted) {
        permits.incrementAndGet();
        Uni.createFrom()
                .deferred(() -> running
                        ? publisher.settle(generation, counted.entry(), counted.deliveries())
                        : Uni.createFrom().voidItem()) // stays pending: the next owner publishes it, in order
                .eventually(() -> {
                    shared.window.release();
                    permits.decrementAndGet();
                })
                .subscribe()
                .with(
                        ignored -> {},
                        failure -> LOG.warnf(
                                "%s: entry %s left pending: %s",
                                stream, counted.entry().id(), OutageLog.describe(failure)));
    }
}
