package nemo.mqtt.wire;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Which shard stream holds a tool's entries: CRC-32 (ISO-HDLC, as zlib, Python's
 * {@code zlib.crc32} and Go's {@code hash/crc32.ChecksumIEEE} compute it) of the tool id written in
 * decimal ASCII, modulo the shard count. Other languages must compute the same shard, so the values
 * are pinned by a test.
 */
public final class ShardFunction {

    private ShardFunction() {}

    /**
     * @param toolId a NEMO tool id (positive)
     * @param shards the configured shard count (at least 1)
     * @return the shard, in {@code [0, shards)}
     */
    public static int shardOf(long toolId, int shards) {
        CRC32 crc = new CRC32();
        crc.update(Long.toString(toolId).getBytes(StandardCharsets.US_ASCII));
        return (int) (crc.getValue() % shards);
    }

    /** @return the stream key of {@code shard}: {@code <prefix>:<shard>}, such as {@code nemo:events:3}. */
    public static String streamKey(String keyPrefix, int shard) {
        return RedisKeys.stream(keyPrefix, shard);
    }
}
