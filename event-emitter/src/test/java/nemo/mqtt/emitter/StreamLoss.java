package nemo.mqtt.emitter;

import static nemo.mqtt.emitter.EmitterApi.assertOncePerMessage;
import static nemo.mqtt.emitter.EmitterApi.entries;
import static nemo.mqtt.emitter.EmitterApi.postEnabled;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;

import nemo.mqtt.emitter.event.Shards;

/** A shard stream Redis lost entirely (a Redis back empty, a promoted replica that had none of it). */
final class StreamLoss {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private StreamLoss() {}

    /**
     * Relays two events of {@code tool}, deletes the tool's shard stream, and checks that the relay
     * appends their recent rows again and then the next event's, each row once.
     */
    static void assertRecentRowsComeBackOnce(long tool) {
        postEnabled(tool, "U0");
        postEnabled(tool, "U1");
        await().atMost(WAIT).until(() -> entries(tool).size() == 6); // each: the event, the status, its display
        String stream = Arc.container().instance(Shards.class).get().streamKey(tool);
        Arc.container().instance(RedisDataSource.class).get().key(String.class).del(stream);

        await().atMost(WAIT).until(() -> entries(tool).size() >= 6);
        postEnabled(tool, "U2");
        await().atMost(WAIT).until(() -> entries(tool).size() >= 9);
        assertOncePerMessage(entries(tool), 9);
    }

    /**
     * As {@link #assertRecentRowsComeBackOnce}, while events of {@code busyTool} (another shard) keep
     * the relay running: runs check the streams they append to, and every stream once per sweep.
     */
    static void assertRecentRowsComeBackWhileTheRelayIsBusy(long tool, long busyTool) {
        Shards shards = Arc.container().instance(Shards.class).get();
        if (shards.streamKey(tool).equals(shards.streamKey(busyTool))) {
            throw new IllegalArgumentException("tools " + tool + " and " + busyTool + " share a shard");
        }
        postEnabled(tool, "U0");
        postEnabled(tool, "U1");
        await().atMost(WAIT).until(() -> entries(tool).size() == 6);
        Arc.container().instance(RedisDataSource.class).get().key(String.class).del(shards.streamKey(tool));

        int[] busy = {0};
        await().atMost(WAIT).until(() -> {
            postEnabled(busyTool, "B" + busy[0]++);
            return entries(tool).size() >= 6;
        });
        assertOncePerMessage(entries(tool), 6);
    }
}
