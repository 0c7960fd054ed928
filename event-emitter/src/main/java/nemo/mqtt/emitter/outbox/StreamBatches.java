package nemo.mqtt.emitter.outbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Sends commands grouped by the one stream key they touch: each stream's commands go as one
 * pipelined batch, in the order given, and the streams' batches go at once on the run's connection.
 * A Redis Cluster client refuses a batch whose keys hash to different slots (CROSSSLOT, "client side
 * resharding is not supported"), and the shard streams spread over the masters, so a batch never
 * mixes streams; a single Redis still gets them all pipelined on one connection.
 */
final class StreamBatches {

    private StreamBatches() {}

    /**
     * @param connection the run's connection (standalone, Sentinel or cluster)
     * @param perStream  each stream key with the commands to send for it, in order
     * @return each stream key with the replies to its commands, in the same order
     */
    static Uni<Map<String, List<Response>>> send(RedisConnection connection, Map<String, List<Request>> perStream) {
        if (perStream.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> streams = new ArrayList<>(perStream.keySet());
        List<Uni<List<Response>>> sent = streams.stream()
                .map(stream -> connection.batch(perStream.get(stream)))
                .toList();
        return Uni.join().all(sent).andFailFast().map(replies -> {
            Map<String, List<Response>> byStream = new LinkedHashMap<>();
            for (int i = 0; i < streams.size(); i++) {
                byStream.put(streams.get(i), replies.get(i));
            }
            return byStream;
        });
    }
}
