package nemo.mqtt.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import nemo.mqtt.testing.BlockingRedis;

/**
 * The emitter's shard streams ({@code nemo:events:0} to {@code :7}, the default shard count) in one
 * Redis, read as the bridge reads them: what the emitter has published.
 */
final class ShardStreams implements AutoCloseable {

    static final int SHARDS = 8;

    /** One stream entry: its stream, its id, and its fields (topic, payload, event_id, tool_id, seq...). */
    record Entry(String stream, String id, Map<String, String> fields) {}

    private final BlockingRedis redis;

    /** Takes the Redis URI (redis://host:port). */
    ShardStreams(String redisUri) {
        redis = new BlockingRedis(redisUri, Duration.ofSeconds(5));
    }

    /** Every entry of every shard, each stream's in its order, shard after shard. */
    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            String stream = "nemo:events:" + shard;
            for (Response entry :
                    redis.send(Request.cmd(Command.XRANGE).arg(stream).arg("-").arg("+"))) {
                Map<String, String> fields = new LinkedHashMap<>();
                Response values = entry.get(1);
                for (int i = 0; i + 1 < values.size(); i += 2) {
                    fields.put(values.get(i).toString(), values.get(i + 1).toString());
                }
                entries.add(new Entry(stream, entry.get(0).toString(), fields));
            }
        }
        return entries;
    }

    /** The entries of all shards together. */
    long length() {
        return IntStream.range(0, SHARDS)
                .mapToLong(shard -> redis.send(Request.cmd(Command.XLEN).arg("nemo:events:" + shard))
                        .toLong())
                .sum();
    }

    /** The entries {@code group} has read and not acknowledged, in all shards. */
    long pending(String group) {
        return IntStream.range(0, SHARDS)
                .mapToLong(shard -> redis.send(Request.cmd(Command.XPENDING)
                                .arg("nemo:events:" + shard)
                                .arg(group))
                        .get(0)
                        .toLong())
                .sum();
    }

    @Override
    public void close() {
        redis.close();
    }
}
