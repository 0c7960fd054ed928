package nemo.mqtt.bridge.shard;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import nemo.mqtt.bridge.BridgeConfig;
import nemo.mqtt.bridge.LoopRun;
import nemo.mqtt.bridge.stream.ShardReader;
import nemo.mqtt.bridge.stream.ShardReaders;
import nemo.mqtt.bridge.stream.Streams;
import nemo.mqtt.service.OutageLog;
import nemo.mqtt.service.StreamsConfig;
import nemo.mqtt.wire.RedisKeys;

/**
 * Keeps this replica owning its share of the shard streams, and only those. Every renew interval
 * it renews its membership and leases, lets go of shards that now belong to another replica (after
 * their publishes in flight finish) and takes free shards assigned to it: first claiming the
 * previous owner's pending entries, so they are published, in order, before new ones.
 */
@ApplicationScoped
public class ShardOwnership {

    private static final Logger LOG = Logger.getLogger(ShardOwnership.class);

    private final Leases leases;
    private final Streams streams;
    private final ShardReaders readers;
    private final BridgeConfig config;
    private final StreamsConfig names;
    private final OutageLog outage = new OutageLog(LOG, "Redis (shard leases)");
    private final Map<Integer, Owned> owned = new ConcurrentHashMap<>();
    private final StoppedReaders stopped = new StoppedReaders();
    private volatile boolean running;
    private volatile long lastTickNanos = System.nanoTime();

    /** A shard this replica holds; the lease is trusted only until {@code validUntilNanos}. */
    private record Owned(int shard, ShardReader reader, long validUntilNanos) {
        Owned renewed(long nanos) {
            return new Owned(shard, reader, nanos);
        }
    }

    ShardOwnership(
            Leases leases,
            Streams streams,
            ShardReaders readers,
            BridgeConfig config,
            StreamsConfig names,
            MeterRegistry registry) {
        this.leases = leases;
        this.streams = streams;
        this.readers = readers;
        this.config = config;
        this.names = names;
        Gauge.builder("nemo.bridge.shards.owned", owned, Map::size).register(registry);
    }

    /** Starts the rounds: the first runs at the scheduler's next trigger, within one renew interval. */
    public void start() {
        lastTickNanos = System.nanoTime();
        running = true;
    }

    /**
     * How long since the ownership loop last ran; it runs whether or not Redis answers. Zero while
     * it is not running (not started yet, as while the consumer name is checked, or stopped).
     */
    public Duration sinceLastTick() {
        return running ? Duration.ofNanos(System.nanoTime() - lastTickNanos) : Duration.ZERO;
    }

    /** The shards this replica publishes now. */
    public Set<Integer> ownedShards() {
        return new TreeSet<>(owned.keySet());
    }

    /**
     * One round every {@code nemo.bridge.lease.renew-interval} while started, one at a time (a slow
     * round skips the triggers it overlaps). Quarkus's scheduler looks at its triggers once a second,
     * so shorter intervals run once a second. Completes (never fails) once the round is done.
     */
    @Scheduled(
            every = "${nemo.bridge.lease.renew-interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!running) {
            return Uni.createFrom().voidItem();
        }
        long started = System.nanoTime();
        lastTickNanos = started;
        // without Redis no lease is renewed: stop publishing those that may have lapsed
        return LoopRun.reported(
                leases.heartbeat()
                        .chain(live -> rebalance(live, started))
                        .onFailure()
                        .invoke(this::dropExpired),
                outage);
    }

    private Uni<Void> rebalance(List<String> live, long started) {
        Set<Integer> wanted = ShardAssignment.shardsFor(leases.me(), live, names.shards());
        long validUntil = started + leases.ttl().toNanos();
        Uni<Void> renewals = each(
                Set.copyOf(owned.keySet()),
                shard -> leases.renew(shard)
                        .invoke(grant -> {
                            if (grant.confirmed()) {
                                owned.computeIfPresent(shard, (s, o) -> o.renewed(validUntil));
                            } else if (!grant.held()) {
                                LOG.warnf("Lost the lease of shard %d to another replica", shard);
                                stopReading(shard);
                            } // held but no replica has the renewal yet: publish only until the last confirmed one
                            // lapses
                        })
                        .replaceWithVoid());
        return renewals.invoke(this::dropExpired)
                .chain(() -> each(difference(owned.keySet(), wanted), this::handOff))
                .chain(() -> running
                        ? each(difference(wanted, owned.keySet()), shard -> take(shard, validUntil))
                        : Uni.createFrom().voidItem());
    }

    /** Takes a free shard: lease first, then the previous owner's pending entries, then reading. */
    private Uni<Void> take(int shard, long validUntil) {
        if (stopped.busy(shard)) {
            return Uni.createFrom().voidItem(); // its last read could leave entries pending behind the new reader
        }
        String stream = streamOf(shard);
        return leases.acquire(shard).chain(grant -> {
            if (!grant.confirmed()) {
                // still held: its owner hands it off or its lease lapses; or ours, but on no replica yet
                return Uni.createFrom().voidItem();
            }
            return streams.ensureGroup(stream)
                    .chain(() -> streams.claimAll(stream))
                    .invoke(claimed -> {
                        ShardReader reader = readers.create(stream);
                        owned.put(shard, new Owned(shard, reader, validUntil));
                        reader.start();
                        LOG.infof(
                                "Owning shard %d (%s)%s",
                                shard, stream, claimed > 0 ? ", took over " + claimed + " pending entries" : "");
                    })
                    .onFailure()
                    .call(() -> leases.release(shard))
                    .replaceWithVoid();
        });
    }

    /** Lets go of a shard that now belongs to another replica, once its publishes in flight are done. */
    private Uni<Void> handOff(int shard) {
        ShardReader reader = stopReading(shard);
        return StoppedReaders.idle(reader, config.lease().drainTimeout())
                .chain(() -> leases.release(shard))
                .invoke(() -> LOG.infof("Handed off shard %d", shard));
    }

    private ShardReader stopReading(int shard) {
        Owned gone = owned.remove(shard);
        if (gone == null) {
            return null;
        }
        gone.reader().stop();
        stopped.add(shard, gone.reader());
        return gone.reader();
    }

    /**
     * Stops publishing shards whose lease may have lapsed: without Redis none can be renewed, and a
     * renewal no replica confirmed would not survive a failover.
     */
    private void dropExpired() {
        long now = System.nanoTime();
        owned.values().stream()
                .filter(o -> now - o.validUntilNanos() > 0)
                .map(Owned::shard)
                .toList()
                .forEach(shard -> {
                    LOG.warnf(
                            "Lease of shard %d may have lapsed (Redis unreachable, or no replica has its renewal); stopped reading it",
                            shard);
                    stopReading(shard);
                });
    }

    /** Stops reading every shard, lets their publishes finish, releases the leases and leaves. */
    public Uni<Void> stop() {
        running = false;
        return each(Set.copyOf(owned.keySet()), this::handOff)
                .chain(leases::leave)
                .onFailure()
                .recoverWithNull();
    }

    private String streamOf(int shard) {
        return RedisKeys.stream(names.keyPrefix(), shard);
    }

    private static Set<Integer> difference(Set<Integer> a, Set<Integer> b) {
        Set<Integer> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }

    private static Uni<Void> each(Set<Integer> shards, java.util.function.Function<Integer, Uni<Void>> action) {
        if (shards.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join()
                .all(shards.stream().map(action).toList())
                .andFailFast()
                .replaceWithVoid();
    }
}
