package nemo.mqtt.bridge.stream;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.PendingMessage;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XPendingArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.smallrye.mutiny.Uni;

import nemo.mqtt.bridge.BridgeConfig;
import nemo.mqtt.service.StreamsConfig;

/** The bridge's Redis stream commands, for its consumer group. */
@ApplicationScoped
public class Streams {

    /** Reads this consumer's own pending entries (delivered, never acked) after the given id. */
    public static final String PENDING_FROM_START = "0";
    /** Reads entries never delivered to any consumer of the group. */
    public static final String NEW = ">";

    private final ReactiveStreamCommands<String, String, String> commands;
    private final String group;
    private final String consumer;

    Streams(ReactiveRedisDataSource redis, BridgeConfig config, StreamsConfig streams) {
        this.commands = redis.stream(String.class);
        this.group = streams.group();
        this.consumer = config.consumerName();
    }

    /** Creates the group at the start of the stream, so entries written before any bridge ran are delivered too. */
    public Uni<Void> ensureGroup(String stream) {
        return commands.xgroupCreate(stream, group, "0", new XGroupCreateArgs().mkstream())
                .onFailure(e -> String.valueOf(e.getMessage()).contains("BUSYGROUP"))
                .recoverWithNull();
    }

    /** Pending entries after {@code afterId}: no blocking, they are already ours. */
    public Uni<List<Entry>> readPending(String stream, String afterId, int count) {
        return read(stream, afterId, new XReadGroupArgs().count(count));
    }

    /** New entries, waiting up to the configured block time for some to arrive. */
    public Uni<List<Entry>> readNew(String stream, int count, java.time.Duration block) {
        return read(stream, NEW, new XReadGroupArgs().count(count).block(block));
    }

    private Uni<List<Entry>> read(String stream, String id, XReadGroupArgs args) {
        return commands.xreadgroup(group, consumer, stream, id, args)
                .map(messages -> messages.stream()
                        .map(m -> Entry.of(m.key(), m.id(), m.payload()))
                        .toList());
    }

    /**
     * Claims every entry pending for any consumer of the group into this one (XAUTOCLAIM from 0-0,
     * idle time 0: the shard's lease says the previous owner is gone). Answers how many were taken.
     */
    public Uni<Integer> claimAll(String stream) {
        return claimFrom(stream, "0-0", 0);
    }

    private Uni<Integer> claimFrom(String stream, String cursor, int claimedSoFar) {
        return commands.xautoclaim(stream, group, consumer, java.time.Duration.ZERO, cursor, 1000)
                .chain(claimed -> {
                    int total = claimedSoFar + claimed.getMessages().size();
                    return "0-0".equals(claimed.getId())
                            ? Uni.createFrom().item(total)
                            : claimFrom(stream, claimed.getId(), total);
                });
    }

    /** How many times each of this consumer's pending entries in [first, last] was delivered. */
    public Uni<java.util.Map<String, Long>> deliveryCounts(String stream, String first, String last, int count) {
        return commands.xpending(
                        stream, group, StreamRange.of(first, last), count, new XPendingArgs().consumer(consumer))
                .map(pending -> pending.stream()
                        .collect(java.util.stream.Collectors.toMap(
                                PendingMessage::getMessageId, p -> (long) p.getDeliveryCount(), (a, b) -> a)));
    }

    /** Whether this consumer has an entry delivered at least {@code idle} ago and not acked (XPENDING IDLE). */
    public Uni<Boolean> hasPendingIdleFor(String stream, java.time.Duration idle) {
        return commands.xpending(
                        stream,
                        group,
                        StreamRange.of("-", "+"),
                        1,
                        new XPendingArgs().consumer(consumer).idle(idle))
                .map(pending -> !pending.isEmpty());
    }

    public Uni<Integer> ack(String stream, List<String> ids) {
        return commands.xack(stream, group, ids.toArray(String[]::new));
    }
}
