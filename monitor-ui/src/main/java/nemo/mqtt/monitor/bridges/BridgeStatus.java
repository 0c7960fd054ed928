package nemo.mqtt.monitor.bridges;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

import nemo.mqtt.service.StreamsConfig;
import nemo.mqtt.wire.BridgeHeartbeat;
import nemo.mqtt.wire.RedisKeys;
import nemo.mqtt.wire.UnreadEntries;

/**
 * Reads the bridges' state from Redis: each replica's heartbeat (a key that expires when the
 * replica stops beating), and the length, lag and pending count of every shard stream.
 */
@ApplicationScoped
public class BridgeStatus {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    ObjectMapper mapper;

    @Inject
    StreamsConfig streams;

    public Uni<BridgesView> read() {
        return Uni.combine()
                .all()
                .unis(replicas(), streams(), length(RedisKeys.deadLetters(streams.keyPrefix())))
                .with((replicas, streams, dead) -> new BridgesView(replicas, streams, dead, null, Instant.now()))
                .ifNoItem()
                .after(READ_TIMEOUT)
                .fail()
                .onFailure()
                .recoverWithItem(failure -> new BridgesView(
                        List.of(), List.of(), 0, "Redis could not be read: " + describe(failure), Instant.now()));
    }

    /**
     * Every live replica: the names in the bridges' registry ({@link RedisKeys#bridgeMembers}, kept by
     * their lease loop), each heartbeat read by its own GET. No SCAN (on a cluster it reaches one
     * node) and no MGET (the heartbeats hash to different slots); a name whose heartbeat expired is
     * left out.
     */
    private Uni<List<BridgeReplica>> replicas() {
        String prefix = streams.heartbeatKeyPrefix();
        return redis.sortedSet(String.class)
                .zrange(RedisKeys.bridgeMembers(streams.keyPrefix()), 0, -1)
                .chain(names -> names.isEmpty()
                        ? Uni.createFrom().item(List.<String>of())
                        : Uni.join()
                                .all(names.stream()
                                        .map(name -> redis.value(String.class).get(RedisKeys.heartbeat(prefix, name)))
                                        .toList())
                                .andFailFast())
                .map(values -> {
                    List<BridgeReplica> replicas = new ArrayList<>();
                    values.stream()
                            .filter(v -> v != null)
                            .map(this::parse)
                            .filter(r -> r != null)
                            .forEach(replicas::add);
                    replicas.sort(Comparator.comparing(BridgeReplica::replica));
                    return replicas;
                });
    }

    private Uni<List<StreamStatus>> streams() {
        List<Uni<StreamStatus>> shards = new ArrayList<>();
        for (int shard = 0; shard < streams.shards(); shard++) {
            String key = RedisKeys.stream(streams.keyPrefix(), shard);
            shards.add(Uni.combine()
                    .all()
                    .unis(length(key), group(key))
                    .with((length, group) -> new StreamStatus(key, length, group[0], group[1])));
        }
        return Multi.createFrom()
                .iterable(shards)
                .onItem()
                .transformToUniAndConcatenate(u -> u)
                .collect()
                .asList();
    }

    private Uni<Long> length(String key) {
        return redis.execute("XLEN", key).map(Response::toLong);
    }

    /** [lag, pending] of the bridges' group; a stream or group not created yet counts as zero. */
    private Uni<long[]> group(String key) {
        return redis.execute("XINFO", "GROUPS", key)
                .chain(groups -> {
                    for (Response group : groups) {
                        if (streams.group().equals(group.get("name").toString())) {
                            long pending = group.get("pending").toLong();
                            return unread(key, group).map(unread -> new long[] {unread, pending});
                        }
                    }
                    return Uni.createFrom().item(new long[] {0, 0});
                })
                .onFailure(f -> String.valueOf(f.getMessage()).contains("no such key"))
                .recoverWithItem(new long[] {0, 0});
    }

    /** Redis's lag of the group, or where it has none (nil) an estimate from XINFO STREAM that never understates. */
    private Uni<Long> unread(String key, Response group) {
        Response lag = group.get("lag");
        return lag != null
                ? Uni.createFrom().item(lag.toLong())
                : redis.execute("XINFO", "STREAM", key).map(stream -> UnreadEntries.estimate(group::get, stream::get));
    }

    private BridgeReplica parse(String json) {
        try {
            JsonNode beat = mapper.readTree(json);
            List<Integer> shards = new ArrayList<>();
            beat.path(BridgeHeartbeat.OWNED_SHARDS.field()).forEach(s -> shards.add(s.asInt()));
            shards.sort(Integer::compare);
            return new BridgeReplica(
                    beat.path(BridgeHeartbeat.REPLICA.field()).asText("?"),
                    beat.path(BridgeHeartbeat.VERSION.field()).asText(null),
                    shards,
                    beat.path(BridgeHeartbeat.BROKER_CONNECTED.field()).asBoolean(false),
                    beat.path(BridgeHeartbeat.BROKER.field()).asText(null),
                    beat.path(BridgeHeartbeat.SETTINGS_VERSION.field()).asLong(0),
                    text(beat, "settings_error"),
                    text(beat, "last_error"),
                    beat.path(BridgeHeartbeat.IN_FLIGHT.field()).asLong(0),
                    beat.path(BridgeHeartbeat.PUBLISHED.field()).asLong(0),
                    beat.path(BridgeHeartbeat.ACKED.field()).asLong(0),
                    beat.path(BridgeHeartbeat.RECONNECTS.field()).asLong(0),
                    beat.path(BridgeHeartbeat.DEAD_LETTERED.field()).asLong(0),
                    counts(beat.path(BridgeHeartbeat.LAG.field())),
                    counts(beat.path(BridgeHeartbeat.PENDING.field())),
                    instant(beat.path(BridgeHeartbeat.UPDATED_AT.field()).asText(null)));
        } catch (Exception malformed) {
            return null;
        }
    }

    private static Map<String, Long> counts(JsonNode node) {
        Map<String, Long> counts = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (Exception unparsable) {
            return null;
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
