package nemo.mqtt.emitter;

import static nemo.mqtt.emitter.TrimmedStreams.ack;
import static nemo.mqtt.emitter.TrimmedStreams.fill;
import static nemo.mqtt.emitter.TrimmedStreams.group;
import static nemo.mqtt.emitter.TrimmedStreams.read;
import static nemo.mqtt.emitter.TrimmedStreams.trimmed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Trimming removes only what every consumer group has acknowledged. */
@QuarkusTest
@WithPostgresAndRedis
class StreamTrimmerTest {

    @Test
    void onlyEntriesEveryGroupAcknowledgedAreTrimmed() {
        String stream = "trimtest:acked";
        fill(stream, 10);
        group(stream, "g");
        List<StreamMessage<String, String, String>> read = read(stream, "g", 6);
        ack(stream, "g", read.subList(0, 3));
        // 1..3 acknowledged: gone; 4..6 pending and 7..10 unread: kept
        assertEquals(List.of("4-1", "5-1", "6-1", "7-1", "8-1", "9-1", "10-1"), trimmed(stream));

        group(stream, "late");
        ack(stream, "g", read.subList(3, 6));
        assertEquals(7, trimmed(stream).size(), "a group that has read nothing keeps everything");
    }

    @Test
    void aStreamNoGroupReadsIsLeftWhole() {
        String stream = "trimtest:unread";
        fill(stream, 10);
        assertEquals(10, trimmed(stream).size());
    }
}
