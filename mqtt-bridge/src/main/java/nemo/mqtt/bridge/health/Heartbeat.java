package nemo.mqtt.bridge.health;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import nemo.mqtt.bridge.BridgeConfig;
import nemo.mqtt.bridge.LoopRun;
import nemo.mqtt.bridge.mqtt.BrokerConnection;
import nemo.mqtt.bridge.mqtt.PublishWindow;
import nemo.mqtt.bridge.shard.ShardOwnership;
import nemo.mqtt.service.OutageLog;
import nemo.mqtt.service.StreamsConfig;
import nemo.mqtt.wire.BridgeHeartbeat;
import nemo.mqtt.wire.RedisKeys;
import nemo.mqtt.wire.UnreadEntries;

/**
 * Writes this replica's status to Redis every interval, expiring after three missed beats, for the
 * monitor's bridge page: owned shards with their lag and pending entries, broker connection and
 * settings, counters and the last error. Per-shard lag is also a metric.
 */
@ApplicationScoped
public class Heartbeat {

    private static final Logger LOG = Logger.getLogger(Heartbeat.class);
    /** How often Quarkus's scheduler looks at its triggers (SimpleScheduler.CHECK_PERIOD). */
    private static final Duration SCHEDULER_TICK = Duration.ofSeconds(1);

    private final ReactiveRedisDataSource redis;
    private final BrokerConnection broker;
    private final ShardOwnership ownership;
    private final PublishWindow window;
    private final MeterRegistry registry;
    private final ObjectMapper mapper;
    private final BridgeConfig config;
    private final StreamsConfig streams;
    private final String version;
    private final Map<Integer, Long> lag = new ConcurrentHashMap<>();
    private final OutageLog outage;
    /** Tells this process from another one with the same consumer name, such as this pod's previous run. */
    private final String instance = UUID.randomUUID().toString();

    /** Beating: from {@link #start()} until shutdown. */
    private volatile boolean started;
    /** Whether it ever started: only then is the heartbeat key this process's to delete. */
    private volatile boolean held;

    Heartbeat(
            ReactiveRedisDataSource redis,
            BrokerConnection broker,
            ShardOwnership ownership,
            PublishWindow window,
            MeterRegistry registry,
            ObjectMapper mapper,
            BridgeConfig config,
            StreamsConfig streams,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        this.redis = redis;
        this.broker = broker;
        this.ownership = ownership;
        this.window = window;
        this.registry = registry;
        this.mapper = mapper;
        this.config = config;
        this.streams = streams;
        this.version = version;
        this.outage = OutageLog.forLoop(LOG, "heartbeat", "Writing this replica's heartbeat to Redis", registry);
        for (int shard = 0; shard < streams.shards(); shard++) {
            int s = shard;
            Gauge.builder("nemo.bridge.shard.lag", lag, m -> m.getOrDefault(s, 0L))
                    .description("Entries of an owned shard not yet delivered to the group or not yet acknowledged")
                    .tags(Tags.of("shard", Integer.toString(s)))
                    .register(registry);
        }
    }

    /** Starts beating; only once this process holds its consumer name ({@link ConsumerNameGuard}). */
    public void start() {
        held = true;
        started = true;
    }

    /** Deletes the heartbeat on shutdown, unless this process never held the name: then it is another's. */
    void stop(@Observes ShutdownEvent event) {
        started = false;
        if (held) {
            redis.key().del(key()).await().atMost(Duration.ofSeconds(2));
        }
    }

    /** This process's random id, written in every heartbeat as {@code instance}. */
    public String instance() {
        return instance;
    }

    /**
     * How long a heartbeat lives unless renewed: three missed beats. A beat comes at most once a
     * second (the scheduler's resolution, see {@link #beat()}), so never less than three seconds.
     */
    public Duration ttl() {
        Duration interval = config.heartbeat().interval();
        return (interval.compareTo(SCHEDULER_TICK) < 0 ? SCHEDULER_TICK : interval).multipliedBy(3);
    }

    /** Writes this process's first heartbeat only if the key is free (SET NX): true if it was. */
    public Uni<Boolean> claim() {
        return Uni.createFrom()
                .item(() -> status(Set.of(), Map.of()))
                .chain(json -> redis.execute("SET", key(), json, "PX", Long.toString(ttl().toMillis()), "NX"))
                .map(reply -> reply != null && "OK".equals(reply.toString()));
    }

    public String key() {
        return RedisKeys.heartbeat(streams.heartbeatKeyPrefix(), config.consumerName());
    }

    /**
     * Writes the heartbeat every {@code nemo.bridge.heartbeat.interval} while started, one write at
     * a time. Quarkus's scheduler looks at its triggers once a second, so shorter intervals beat once
     * a second. Completes (never fails) once the write is done.
     */
    @Scheduled(every = "${nemo.bridge.heartbeat.interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> beat() {
        if (!started) {
            return Uni.createFrom().voidItem();
        }
        Set<Integer> shards = ownership.ownedShards();
        return LoopRun.reported(
                Multi.createFrom()
                        .iterable(shards)
                        .onItem()
                        .transformToUniAndMerge(shard -> groupInfo(shard).map(info -> Map.entry(shard, info)))
                        .collect()
                        .asMap(Map.Entry::getKey, Map.Entry::getValue)
                        .chain(groups ->
                                redis.value(String.class).set(key(), status(shards, groups), new SetArgs().px(ttl()))),
                outage);
    }

    private String status(Set<Integer> shards, Map<Integer, long[]> groups) {
        lag.keySet().retainAll(shards);
        Map<String, Long> lagByShard = new LinkedHashMap<>();
        Map<String, Long> pendingByShard = new LinkedHashMap<>();
        groups.forEach((shard, info) -> {
            lag.put(shard, info[0]);
            lagByShard.put(shard.toString(), info[0]);
            pendingByShard.put(shard.toString(), info[1]);
        });
        Map<String, Object> status = new LinkedHashMap<>();
        status.put(BridgeHeartbeat.REPLICA.field(), config.consumerName());
        status.put(BridgeHeartbeat.INSTANCE.field(), instance);
        status.put(BridgeHeartbeat.VERSION.field(), version);
        status.put(BridgeHeartbeat.OWNED_SHARDS.field(), List.copyOf(shards));
        status.put(BridgeHeartbeat.BROKER_CONNECTED.field(), broker.isConnected());
        status.put(BridgeHeartbeat.BROKER.field(), broker.settings().address());
        status.put(BridgeHeartbeat.SETTINGS_VERSION.field(), broker.settings().version());
        status.put(BridgeHeartbeat.SETTINGS_ERROR.field(), broker.settingsError());
        status.put(BridgeHeartbeat.LAST_ERROR.field(), broker.lastError());
        status.put(BridgeHeartbeat.IN_FLIGHT.field(), window.used());
        status.put(BridgeHeartbeat.PUBLISHED.field(), count("nemo.bridge.published"));
        status.put(BridgeHeartbeat.ACKED.field(), count("nemo.bridge.acked"));
        status.put(BridgeHeartbeat.RECONNECTS.field(), count("nemo.bridge.reconnects"));
        status.put(BridgeHeartbeat.DEAD_LETTERED.field(), count("nemo.bridge.dead.lettered"));
        status.put(BridgeHeartbeat.LAG.field(), lagByShard);
        status.put(BridgeHeartbeat.PENDING.field(), pendingByShard);
        status.put(BridgeHeartbeat.UPDATED_AT.field(), Instant.now().toString());
        try {
            return mapper.writeValueAsString(status);
        } catch (Exception e) {
            throw new IllegalStateException("heartbeat not serializable", e); // maps of numbers and strings
        }
    }

    /**
     * [lag, pending] of the consumer group on a shard's stream (XINFO GROUPS), where lag is the work
     * really left: entries not yet read plus entries read and not acknowledged (pending entries are
     * re-examined, PendingRecheck, so they do not linger).
     */
    private Uni<long[]> groupInfo(int shard) {
        String key = RedisKeys.stream(streams.keyPrefix(), shard);
        return redis.execute("XINFO", "GROUPS", key).chain(groups -> {
            for (Response group : groups) {
                if (streams.group().equals(group.get("name").toString())) {
                    long pending = group.get("pending").toLong();
                    return unread(key, group).map(unread -> new long[] {unread + pending, pending});
                }
            }
            return Uni.createFrom().item(new long[] {0, 0});
        });
    }

    /** The group's unread entries: Redis's lag, or where it has none (nil) an estimate from XINFO STREAM. */
    private Uni<Long> unread(String key, Response group) {
        Response lag = group.get("lag");
        return lag != null
                ? Uni.createFrom().item(lag.toLong())
                : redis.execute("XINFO", "STREAM", key).map(stream -> UnreadEntries.estimate(group::get, stream::get));
    }

    private long count(String counter) {
        Counter found = registry.find(counter).counter();
        return found == null ? 0 : (long) found.count();
    }
}
