package nemo.mqtt.emitter.event;

import java.util.List;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import nemo.mqtt.service.StreamsConfig;
import nemo.mqtt.wire.ShardFunction;

/** Maps a tool to its shard stream, so all of a tool's events stay in one ordered stream. */
@ApplicationScoped
public class Shards {

    private final String keyPrefix;
    private final int count;

    Shards(StreamsConfig streams) {
        this.keyPrefix = streams.keyPrefix();
        this.count = streams.shards();
    }

    /** The contract's shard function ({@link ShardFunction}): stable across languages and restarts. */
    public int shardOf(long toolId) {
        return ShardFunction.shardOf(toolId, count);
    }

    public String streamKey(long toolId) {
        return streamKey(shardOf(toolId));
    }

    /** Every shard stream, in shard order. */
    public List<String> streamKeys() {
        return IntStream.range(0, count).mapToObj(this::streamKey).toList();
    }

    private String streamKey(int shard) {
        return ShardFunction.streamKey(keyPrefix, shard);
    }
}
