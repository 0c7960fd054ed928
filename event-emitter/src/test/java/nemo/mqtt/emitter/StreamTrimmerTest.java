package nemo.mqtt.emitter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import nemo.mqtt.emitter.outbox.StreamTrimmer;

/** Trimming removes only what every consumer group has acknowledged. */
@QuarkusTest
@WithPostgresAndRedis
class StreamTrimmerTest {

    @Inject
    RedisDataSource redis;

    @Inject
    StreamTrimmer trimmer;

    @Test
    void onlyEntriesEveryGroupAcknowledgedAreTrimmed() {
        String stream = "trimtest:acked";
        fill(stream);
        redis.stream(String.class).xgroupCreate(stream, "g", "0");
        List<StreamMessage<String, String, String>> read =
                redis.stream(String.class).xreadgroup("g", "c", stream, ">", new XReadGroupArgs().count(6));
        redis.stream(String.class)
                .xack(
                        stream,
                        "g",
                        read.get(0).id(),
                        read.get(1).id(),
                        read.get(2).id());

        trimmer.trim(stream).await().atMost(Duration.ofSeconds(10));
        // 1..3 acknowledged: gone; 4..6 pending and 7..10 unread: kept
        assertEquals(List.of("4-1", "5-1", "6-1", "7-1", "8-1", "9-1", "10-1"), ids(stream));

        redis.stream(String.class).xgroupCreate(stream, "late", "0");
        redis.stream(String.class)
                .xack(
                        stream,
                        "g",
                        read.get(3).id(),
                        read.get(4).id(),
                        read.get(5).id());
        trimmer.trim(stream).await().atMost(Duration.ofSeconds(10));
        assertEquals(7, ids(stream).size(), "a group that has read nothing keeps everything");
    }

    @Test
    void aStreamNoGroupReadsIsLeftWhole() {
        String stream = "trimtest:unread";
        fill(stream);
        trimmer.trim(stream).await().atMost(Duration.ofSeconds(10));
        assertEquals(10, ids(stream).size());
    }

    private void fill(String stream) {
        redis.key().del(stream);
        for (int i = 1; i <= 10; i++) {
            redis.stream(String.class).xadd(stream, new XAddArgs().id(i + "-1"), Map.of("n", String.valueOf(i)));
        }
    }

    private List<String> ids(String stream) {
        return redis.stream(String.class).xrange(stream, StreamRange.of("-", "+")).stream()
                .map(StreamMessage::id)
                .toList();
    }
}
