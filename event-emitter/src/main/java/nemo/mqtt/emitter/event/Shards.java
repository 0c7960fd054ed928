package nemo.mqtt.emitter.event;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

import jakarta.enterprise.context.ApplicationScoped;

import nemo.mqtt.emitter.EmitterConfig;

/** Maps a tool to its shard stream, so all of a tool's events stay in one ordered stream. */
@ApplicationScoped
public class Shards {

    private final String keyPrefix;
    private final int count;

    Shards(EmitterConfig config) {
        this.keyPrefix = config.streams().keyPrefix();
        this.count = config.streams().shards();
    }

    /** shard = CRC32(decimal tool id) mod shard count: stable across languages and restarts. */
    public int shardOf(long toolId) {
        CRC32 crc = new CRC32();
        crc.update(Long.toString(toolId).getBytes(StandardCharsets.US_ASCII));
        return (int) (crc.getValue() % count);
    }

    public String streamKey(long toolId) {
        return streamKey(shardOf(toolId));
    }

    /** Every shard stream, in shard order. */
    public List<String> streamKeys() {
        return IntStream.range(0, count).mapToObj(this::streamKey).toList();
    }

    private String streamKey(int shard) {
        return keyPrefix + ":" + shard;
    }
}
