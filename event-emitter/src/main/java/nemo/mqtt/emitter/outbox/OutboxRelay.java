package nemo.mqtt.emitter.outbox;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.jboss.logging.Logger;

import nemo.mqtt.emitter.EmitterConfig;
import nemo.mqtt.emitter.store.AdvisoryLocks;
import nemo.mqtt.emitter.store.OutboxRow;
import nemo.mqtt.emitter.store.OutboxRows;
import nemo.mqtt.emitter.store.PipelinedTransaction;
import nemo.mqtt.emitter.store.StreamId;
import nemo.mqtt.service.OutageLog;

/**
 * Moves outbox rows to the Redis streams in id order and marks them sent, in the transaction that
 * read them: if Redis is unreachable nothing is marked and the rows wait for the next run. A
 * PostgreSQL advisory lock lets one emitter replica relay at a time, which keeps per-tool order.
 * Each sent row remembers where it went in its stream, so rows a restarted Redis lost are found
 * and sent again ({@link StreamRollbackGuard}).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x4E454D4F_52454C41L; // "NEMORELA"

    @Inject
    StreamAppender appender;

    @Inject
    StreamRollbackGuard guard;

    @Inject
    Redis redis;

    @Inject
    Pool pool;

    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wokenWhileRunning = new AtomicBoolean();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestUnsentMillis = new AtomicLong();
    private final OutageLog outage;
    private final OutageLog backlogOutage;
    private volatile String failure;
    private final AtomicInteger failedRuns = new AtomicInteger();

    OutboxRelay(EmitterConfig config, MeterRegistry registry) {
        this.batchSize = config.relay().batchSize();
        this.outage = OutageLog.forLoop(LOG, "relay", "Outbox relay (rows wait in PostgreSQL)", registry);
        this.backlogOutage = OutageLog.forLoop(LOG, "relay-backlog", "Measuring the outbox backlog", registry);
        Gauge.builder("nemo.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox rows (accepted events, refreshes) whose messages are not yet in a Redis stream")
                .register(registry);
        Gauge.builder("nemo.outbox.relay.lag.seconds", oldestUnsentMillis, v -> v.get() / 1000.0)
                .description("Age of the oldest message not yet in a Redis stream")
                .register(registry);
    }

    /** Relays now; if a run is under way, it runs once more when done. Never blocks. */
    public void wake() {
        if (!running.compareAndSet(false, true)) {
            wokenWhileRunning.set(true);
            return;
        }
        wokenWhileRunning.set(false);
        Uni.createFrom().deferred(this::drain).subscribe().with(relayed -> finish(), error -> {
            outage.failed(error);
            failure = String.valueOf(error.getMessage());
            failedRuns.incrementAndGet();
            running.set(false);
        });
    }

    @Scheduled(every = "${nemo.emitter.relay.sweep-interval:1s}", delayed = "1s")
    void sweep() {
        wake();
        OutboxRows.backlog(pool)
                .subscribe()
                .with(
                        found -> {
                            backlogOutage.recovered();
                            backlog.set(found.unsent());
                            // created_at comes from this service's clock too, so the age needs no database time
                            oldestUnsentMillis.set(
                                    found.oldestCreatedAt() == null
                                            ? 0
                                            : Math.max(
                                                    0,
                                                    Duration.between(
                                                                    found.oldestCreatedAt(),
                                                                    OffsetDateTime.now(ZoneOffset.UTC))
                                                            .toMillis()));
                        },
                        backlogOutage::failed);
    }

    /** Why the last run could not relay (Redis unreachable), or null when it could. */
    public String failure() {
        return failure;
    }

    /** How many runs failed since the last that worked (0 while it works). */
    public int failedRunsInARow() {
        return failedRuns.get();
    }

    public long backlog() {
        return backlog.get();
    }

    public Duration oldestUnsent() {
        return Duration.ofMillis(oldestUnsentMillis.get());
    }

    private void finish() {
        outage.recovered();
        failure = null;
        failedRuns.set(0);
        running.set(false);
        if (wokenWhileRunning.get()) {
            wake();
        }
    }

    /** Relays batches until a partial one shows the outbox is empty. */
    private Uni<Void> drain() {
        return relayBatch()
                .chain(count -> count == batchSize ? drain() : Uni.createFrom().voidItem());
    }

    /**
     * One batch in one transaction ({@link PipelinedTransaction}: BEGIN, the lock and the select go
     * together, the marks and COMMIT too) and on one Redis connection: the rollback check travels with the
     * tails the appender reads (one pipelined batch per stream, {@link StreamBatches}), and a Redis that restarts before the appends fails the connection
     * rather than taking appends the check did not see. Answers how many rows it took (a full batch
     * means: run again).
     */
    private Uni<Integer> relayBatch() {
        Map<String, StreamId> appended = new HashMap<>();
        return pool.withConnection(connection -> PipelinedTransaction.rollingBackOnFailure(
                        connection,
                        Uni.combine()
                                .all()
                                .unis(
                                        PipelinedTransaction.begin(connection),
                                        AdvisoryLocks.tryLock(connection, RELAY_LOCK),
                                        OutboxRows.oldestUnsent(connection, batchSize))
                                .asTuple()
                                .chain(begun -> {
                                    if (!begun.getItem2()) {
                                        guard.forget();
                                        return PipelinedTransaction.commit(connection)
                                                .replaceWith(0);
                                    }
                                    return guard.knowPositions(connection)
                                            .chain(() -> redis.connect()
                                                    .chain(redisConnection -> relay(
                                                                    connection,
                                                                    redisConnection,
                                                                    begun.getItem3(),
                                                                    appended)
                                                            .eventually(redisConnection::close)));
                                })))
                .invoke(() -> guard.appended(appended))
                .onFailure()
                .invoke(guard::forget);
    }

    private Uni<Integer> relay(
            SqlConnection database, RedisConnection connection, List<OutboxRow> rows, Map<String, StreamId> appended) {
        Map<String, Request> tailRequests = appender.tails(rows);
        Map<String, List<Request>> look = new LinkedHashMap<>();
        Set<String> checked = guard.streamsToCheck(tailRequests.keySet());
        checked.forEach(
                stream -> look.computeIfAbsent(stream, s -> new ArrayList<>()).add(guard.lastId(stream)));
        tailRequests.forEach((stream, tail) ->
                look.computeIfAbsent(stream, s -> new ArrayList<>()).add(tail));
        return StreamBatches.send(connection, look).chain(answers -> {
            Map<String, Response> lastIds = new HashMap<>();
            Map<String, Response> tails = new HashMap<>();
            answers.forEach((stream, replies) -> {
                if (checked.contains(stream)) {
                    lastIds.put(stream, replies.get(0));
                }
                if (tailRequests.containsKey(stream)) {
                    tails.put(stream, replies.get(replies.size() - 1));
                }
            });
            return guard.reclaimLost(database, lastIds).chain(reclaimed -> {
                if (reclaimed > 0) {
                    // select again: the reclaimed rows go first
                    return PipelinedTransaction.commit(database).replaceWith(batchSize);
                }
                if (rows.isEmpty()) {
                    return PipelinedTransaction.commit(database).replaceWith(0);
                }
                return appender.appendMissing(connection, rows, tails)
                        .chain(last -> {
                            appended.putAll(last);
                            return Uni.combine()
                                    .all()
                                    .unis(
                                            OutboxRows.markSent(
                                                    database, rows, OffsetDateTime.now(ZoneOffset.UTC), last),
                                            PipelinedTransaction.commit(database))
                                    .discardItems();
                        })
                        .replaceWith(rows.size());
            });
        });
    }
}
