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
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.connect.source.SourceRecord;

import nemo.mqtt.emitter.outbox.OutboxRelay;

/**
 * Receives the engine's batches on its thread: the events of every change and the position of the
 * batch's last record commit in ONE emitter transaction; only then are the records marked processed,
 * so the engine (and through {@link CaptureOffsetStore} NEMO's slot) never moves past what is
 * committed. A failure throws before anything is marked: the engine stops and the next start
 * replays the batch (the events' ids make the replay a no-op for what was stored).
 */
@ApplicationScoped
class CaptureBatches implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

    @Inject
    ChangeApplier applier;

    @Inject
    OutboxRelay relay;

    @Inject
    CaptureMetrics metrics;
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
        List<NemoChange> changes = new ArrayList<>();
        for (RecordChangeEvent<SourceRecord> record : records) {
            NemoChange change = NemoChange.of(record.record());
            if (change != null) {
                changes.add(change);
            }
        }
        SourceRecord last = records.get(records.size() - 1).record();
        CaptureOffsetStore.Serialized position =
                CaptureOffsetStore.serialize(last.sourcePartition(), last.sourceOffset());
        int stored;
        writing.acquire();
        try {
            // Waits without giving in to an interrupt (the engine's close): a transaction still running
            // after this returned could race a retry of the same batch.
            CompletableFuture<Integer> done = new CompletableFuture<>();
            VertxContextSupport.subscribe(
                    () -> Panache.withTransaction(() -> applier.apply(changes).call(() -> save(position)))
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
                    "engine stopping: the batch is committed but not marked, a restart replays it");
        }
        for (RecordChangeEvent<SourceRecord> record : records) {
            committer.markProcessed(record);
        }
        committer.markBatchFinished();
        metrics.committed(changes);
        if (stored > 0) {
            relay.wake();
        }
    }

    /** Takes the right to write the capture's rows if no batch holds it (never waits); see {@link #doneWriting()}. */
    boolean tryWriting() {
        return writing.tryAcquire();
    }

    void doneWriting() {
        writing.release();
    }

    private static Uni<Void> save(CaptureOffsetStore.Serialized position) {
        return CaptureOffset.<CaptureOffset>findById(CaptureOffsetStore.ENGINE_NAME)
                .chain(found -> {
                    CaptureOffset offset = found != null ? found : new CaptureOffset();
                    offset.name = CaptureOffsetStore.ENGINE_NAME;
                    offset.partitionKey = position.key();
                    offset.offsetValue = position.value();
                    offset.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    return found != null
                            ? Uni.createFrom().voidItem()
                            : offset.persist().replaceWithVoid();
                });
    }
}
