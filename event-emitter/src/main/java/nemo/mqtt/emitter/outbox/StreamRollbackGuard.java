package nemo.mqtt.emitter.outbox;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.jboss.logging.Logger;

import nemo.mqtt.emitter.EmitterConfig;
import nemo.mqtt.emitter.event.Shards;
import nemo.mqtt.emitter.store.OutboxRows;
import nemo.mqtt.emitter.store.StreamId;

/**
 * Finds rows the relay marked sent that Redis no longer has. Redis answers an XADD before the entry
 * is on disk (appendfsync everysec, and a background fsync can hold the write back longer) or on a
 * replica, so a Redis that restarts from its AOF, or a replica promoted in its place, can come back
 * without the last entries it acknowledged. The guard knows the last entry the relay appended to
 * each stream (kept with the rows in PostgreSQL, cached here); before each run it reads the last
 * generated id of the streams the run appends to (of every stream once per sweep interval) and marks
 * the rows appended after it unsent, so the relay appends them again, before anything newer of the
 * same tool. Consumers may see some of them twice and drop the
 * second by {@code event_id}, as after any redelivery.
 */
@ApplicationScoped
public class StreamRollbackGuard {

    private static final Logger LOG = Logger.getLogger(StreamRollbackGuard.class);
    /**
     * The stream's last generated id, or nil when it does not exist (XINFO STREAM would fail the
     * pipeline). One key per script, so it also runs on a Redis Cluster.
     */
    private static final String LAST_ID = """
            local info = redis.pcall('XINFO', 'STREAM', KEYS[1])
            if type(info) ~= 'table' or info.err ~= nil then return false end
            for i = 1, #info, 2 do
              if info[i] == 'last-generated-id' then return info[i + 1] end
            end
            return false""";

    private final List<String> streams;
    private final Duration window;
    private final long newRedisSinceMillis;
    private final Counter resent;
    private final Map<String, StreamId> appended = new ConcurrentHashMap<>();
    private final long everyStreamIntervalNanos;
    private volatile boolean loaded;
    /** When a run last checked every stream (System.nanoTime()), or null: the next run must. */
    private volatile Long everyStreamCheckedAt;

    StreamRollbackGuard(Shards shards, EmitterConfig config, MeterRegistry registry) {
        this.streams = shards.streamKeys();
        this.window = config.streams().minRetention();
        this.everyStreamIntervalNanos = config.relay().sweepInterval().toNanos();
        this.newRedisSinceMillis = config.streams()
                .newRedisSince()
                .map(java.time.Instant::toEpochMilli)
                .orElse(0L);
        this.resent = Counter.builder("nemo.outbox.relay.resent")
                .description("Outbox rows (each one event's messages) relayed again because Redis came back without"
                        + " entries it had acknowledged; their messages still in the stream are not appended twice")
                .register(registry);
    }

    /**
     * The streams a run checks, given those it appends to ({@code appendingTo}): those always, since
     * a stream's lost entries must go again before anything newer of theirs; every stream once per
     * sweep interval and after {@link #forget}, so a stream no run appends to gets its lost entries
     * back too. Checking all of them on every run cost a script call per shard per run.
     */
    Set<String> streamsToCheck(Set<String> appendingTo) {
        Long checked = everyStreamCheckedAt;
        long now = System.nanoTime();
        if (checked == null || now - checked >= everyStreamIntervalNanos) {
            everyStreamCheckedAt = now;
            return new LinkedHashSet<>(streams);
        }
        Set<String> check = new LinkedHashSet<>(appendingTo);
        check.retainAll(streams);
        return check;
    }

    /** Reads {@code stream}'s last generated id; sent on the connection the run then appends with. */
    Request lastId(String stream) {
        return Request.cmd(Command.EVAL).arg(LAST_ID).arg(1).arg(stream);
    }

    /** Loads the last positions from PostgreSQL when it does not know them; in the run's transaction. */
    Uni<Void> knowPositions(SqlConnection connection) {
        if (loaded) {
            return Uni.createFrom().voidItem();
        }
        appended.clear();
        return Multi.createFrom()
                .iterable(streams)
                .onItem()
                .transformToUniAndConcatenate(stream -> OutboxRows.lastSent(connection, stream)
                        .invoke(position -> {
                            if (position != null) {
                                appended.put(stream, position);
                            }
                        }))
                .collect()
                .last()
                .invoke(() -> loaded = true)
                .replaceWithVoid();
    }

    /**
     * Marks unsent what the checked streams lost, given each one's answer to {@link #lastId}; in the
     * run's transaction. A stream that lost everything gets back the rows sent to it within the
     * streams' minimum retention (older ones it would no longer hold anyway). Answers how many rows
     * go again.
     */
    Uni<Integer> reclaimLost(SqlConnection connection, Map<String, Response> lastIds) {
        return Multi.createFrom()
                .iterable(lastIds.keySet())
                .onItem()
                .transformToUniAndConcatenate(stream -> reclaim(connection, stream, lastIds.get(stream)))
                .collect()
                .with(Collectors.summingInt(Integer::intValue));
    }

    /** After a committed run: the streams now end at least at these entries. */
    void appended(Map<String, StreamId> last) {
        if (loaded) {
            last.forEach((stream, id) -> appended.merge(stream, id, StreamId::max));
        }
    }

    /** Another replica may relay now, or this run failed: read the positions from PostgreSQL next time. */
    void forget() {
        loaded = false;
        everyStreamCheckedAt = null;
    }

    private Uni<Integer> reclaim(SqlConnection connection, String stream, Response lastId) {
        StreamId expected = appended.get(stream);
        StreamId actual = lastId == null ? null : StreamId.parse(lastId.toString());
        // Stream ids are Redis's clock in ms; a few seconds of skew do not matter against the window.
        // Nor is anything sent before a deliberate move to a new Redis (streams.new-redis-since).
        StreamId from = StreamId.max(
                actual, new StreamId(Math.max(System.currentTimeMillis() - window.toMillis(), newRedisSinceMillis), 0));
        if (expected == null || expected.compareTo(from) <= 0) {
            return Uni.createFrom().item(0);
        }
        return OutboxRows.markUnsentAfter(connection, stream, from).invoke(rows -> {
            if (rows > 0) {
                LOG.warnf(
                        "Redis came back without the entries of %s after %s (it had acknowledged up to %s): relaying %d rows again",
                        stream, actual == null ? "its start" : actual, expected, rows);
                resent.increment(rows);
            }
            forget(); // the positions are PostgreSQL's again once this run commits
        });
    }
}
