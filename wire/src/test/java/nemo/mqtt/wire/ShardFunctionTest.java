package nemo.mqtt.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShardFunctionTest {

    /** Pinned from Python's {@code zlib.crc32(str(tool).encode()) % shards}: other languages must agree. */
    @ParameterizedTest
    @CsvSource({"1,8,7", "2,8,5", "12,8,5", "31,8,5", "4101,8,4", "7501,8,6", "2,16,13", "12,16,13", "12,1,0"})
    void shardsAreCrc32OfTheDecimalIdModuloTheCount(long tool, int shards, int shard) {
        assertEquals(shard, ShardFunction.shardOf(tool, shards));
        assertEquals("nemo:events:" + shard, ShardFunction.streamKey("nemo:events", shard));
    }
}
