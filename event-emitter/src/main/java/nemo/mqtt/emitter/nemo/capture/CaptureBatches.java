package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import org.apache.kafka.connect.source.SourceRecord;

import nemo.mqtt.emitter.outbox.OutboxRelay;

/**
 * Receives the engine's batches on its thread, in parts of {@link #PART} records. A part's events
 * commit first (ChangeApplier), then the captured rows it changed and the position of its last
 * record commit together; only then are its records marked processed, so the engine (and through
 * {@link CaptureOffsetStore} NEMO's slot) never moves past an event that is not stored. A failure
 * throws before the part is marked: the engine stops and the next start replays from the last
 * committed part (the events' ids make a replay a no-op for what was stored).
 */
@ApplicationScoped
class CaptureBatches implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    @Inject
    ChangeApplier applier;

    @Inject
    OutboxRelay relay;

    @Inject
    CaptureMetrics metrics;

    @Inject
    Pool pool;
    /**
     * Records stored per transaction: a burst (a restart's backlog) is committed and relayed in parts
     * instead of all at the end, and each part's position lets a restart resume after it.
     */
    static final int PART = 50;

    /** One writer of the capture's rows at a time in this replica: a batch, or TimedStates' check. */
    private final Semaphore writing = new Semaphore(1);

    @Override
    public void handleBatch(
            List<RecordChangeEvent<SourceRecord>> records,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        if (records.isEmpty()) {
            committer.markBatchFinished();
            return;
        }
        for (int from = 0; from < records.size(); from += PART) {
            List<RecordChangeEvent<SourceRecord>> part = records.subList(from, Math.min(records.size(), from + PART));
            List<NemoChange> changes = store(part);
            for (RecordChangeEvent<SourceRecord> record : part) {
                committer.markProcessed(record);
            }
            metrics.committed(changes);
        }
        committer.markBatchFinished();
    }

    /**
     * Stores the events of {@code part}, then its captured rows with the position of its last record,
     * and wakes the relay; gives the part's changes. Throws (nothing of the part marked) when that fails
     * or the engine is stopping.
     */
    private List<NemoChange> store(List<RecordChangeEvent<SourceRecord>> part) throws InterruptedException {
        List<NemoChange> changes = new ArrayList<>();
        for (RecordChangeEvent<SourceRecord> record : part) {
            NemoChange change = NemoChange.of(record.record());
            if (change != null) {
                changes.add(change);
            }
        }
        SourceRecord last = part.get(part.size() - 1).record();
        CaptureOffsetStore.Serialized position =
                CaptureOffsetStore.serialize(last.sourcePartition(), last.sourceOffset());
        int stored;
        writing.acquire();
        try {
            // Waits without giving in to an interrupt (the engine's close): a transaction still running
            // after this returned could race a retry of the same records.
            CompletableFuture<Integer> done = new CompletableFuture<>();
            VertxContextSupport.subscribe(
                    () -> pool.withTransaction(connection -> applier.apply(connection, changes)
                                    .call(() -> CaptureOffsetStore.write(
                                            connection, position, OffsetDateTime.now(ZoneOffset.UTC))))
                            .toMulti(),
                    subscribe -> subscribe.with(done::complete, done::completeExceptionally));
            stored = done.join();
        } catch (CompletionException e) {
            throw new IllegalStateException(
                    "storing " + changes.size() + " NEMO changes failed: "
                            + e.getCause().getMessage(),
                    e.getCause());
        } finally {
            writing.release();
        }
        if (Thread.interrupted()) {
            throw new InterruptedException(
                    "engine stopping: the records are committed but not marked, a restart replays them");
        }
        if (stored > 0) {
            relay.wake(); // the first changes of a burst go out while the rest are stored
        }
        return changes;
    }

    /** Takes the right to write the capture's rows if no batch holds it (never waits); see {@link #doneWriting()}. */
    boolean tryWriting() {
        return writing.tryAcquire();
    }

    void doneWriting() {
        writing.release();
    }
}
