package nemo.mqtt.emitter;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;

import nemo.mqtt.emitter.outbox.StreamTrimmer;

/**
 * Streams the trimmer tests write themselves (entry ids 1-1, 2-1, ...) on the running application's
 * Redis, read by a consumer group, then trimmed by its {@link StreamTrimmer}.
 */
final class TrimmedStreams {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private TrimmedStreams() {}

    /** Makes {@code stream} hold exactly entries 1-1 .. {@code count}-1. */
    static void fill(String stream, int count) {
        Arc.container().instance(RedisDataSource.class).get().key().del(stream);
        for (int i = 1; i <= count; i++) {
            commands().xadd(stream, new XAddArgs().id(i + "-1"), Map.of("n", String.valueOf(i)));
        }
    }

    /** Creates consumer group {@code group} at the start of {@code stream}; it has read nothing yet. */
    static void group(String stream, String group) {
        commands().xgroupCreate(stream, group, "0");
    }

    /** Reads the next {@code count} entries of {@code stream} for {@code group}. */
    static List<StreamMessage<String, String, String>> read(String stream, String group, int count) {
        return commands().xreadgroup(group, "c", stream, ">", new XReadGroupArgs().count(count));
    }

    /** Acknowledges {@code read} for {@code group}. */
    static void ack(String stream, String group, List<StreamMessage<String, String, String>> read) {
        commands().xack(stream, group, read.stream().map(StreamMessage::id).toArray(String[]::new));
    }

    /** Trims {@code stream} now and answers the ids it keeps, in order. */
    static List<String> trimmed(String stream) {
        Arc.container().instance(StreamTrimmer.class).get().trim(stream).await().atMost(WAIT);
        return commands().xrange(stream, StreamRange.of("-", "+")).stream()
                .map(StreamMessage::id)
                .toList();
    }

    private static StreamCommands<String, String, String> commands() {
        return Arc.container().instance(RedisDataSource.class).get().stream(String.class);
    }
}
