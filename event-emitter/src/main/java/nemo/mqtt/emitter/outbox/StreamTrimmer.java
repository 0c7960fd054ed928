package nemo.mqtt.emitter.outbox;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.XTrimArgs;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import org.jboss.logging.Logger;

import nemo.mqtt.emitter.EmitterConfig;
import nemo.mqtt.emitter.event.Shards;
import nemo.mqtt.emitter.store.StreamId;
import nemo.mqtt.service.OutageLog;

/**
 * Keeps the shard streams from growing without bound, never deleting what a consumer group still
 * needs: each stream is trimmed (MINID, exact) below the oldest
 * entry any group has pending or not yet read, and below the minimum retention.
 */
@ApplicationScoped
public class StreamTrimmer {

    private static final Logger LOG = Logger.getLogger(StreamTrimmer.class);

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    EmitterConfig config;

    @Inject
    Shards shards;

    private final OutageLog outage;
    /** Why this run skipped a stream whose groups it could not read (not a missing stream), or null. */
    private volatile Throwable skipped;

    StreamTrimmer(MeterRegistry registry) {
        this.outage = OutageLog.forLoop(LOG, "trimmer", "Trimming the shard streams", registry);
    }

    @Scheduled(every = "${nemo.emitter.streams.trim-interval:60s}", delayed = "30s")
    Uni<Void> trimAll() {
        return Uni.createFrom()
                .deferred(() -> {
                    skipped = null;
                    return Multi.createFrom()
                            .iterable(shards.streamKeys())
                            .onItem()
                            .transformToUniAndConcatenate(this::trim)
                            .collect()
                            .last()
                            .replaceWithVoid();
                })
                .invoke(() -> {
                    // a stream skipped because Redis did not answer is a failed run too, though the others went on
                    if (skipped == null) {
                        outage.recovered();
                    } else {
                        outage.failed(skipped);
                    }
                })
                .onFailure()
                .invoke(outage::failed)
                .onFailure()
                .recoverWithNull();
    }

    /** Trims one stream below what every group still needs; a stream no group reads is left whole. */
    public Uni<Void> trim(String stream) {
        return redis.execute("XINFO", "GROUPS", stream)
                .onFailure()
                .invoke(e -> {
                    if (!String.valueOf(e.getMessage()).contains("no such key")) {
                        skipped = e;
                    }
                })
                .onFailure()
                .recoverWithNull()
                .chain(groups -> {
                    if (groups == null || groups.size() == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    List<Uni<String>> needs = new ArrayList<>();
                    for (Response group : groups) {
                        needs.add(oldestNeeded(stream, group));
                    }
                    return Uni.join().all(needs).andFailFast().chain(ids -> {
                        String keep = ids.stream().reduce(retentionFloor(), StreamTrimmer::older);
                        return redis.stream(String.class)
                                .xtrim(stream, new XTrimArgs().minid(keep))
                                .invoke(trimmed -> LOG.debugf("%s: trimmed %d entries below %s", stream, trimmed, keep))
                                .replaceWithVoid();
                    });
                });
    }

    /** The oldest entry a group still needs: its oldest pending one, else the one after its last delivered. */
    private Uni<String> oldestNeeded(String stream, Response group) {
        String name = group.get("name").toString();
        String lastDelivered = group.get("last-delivered-id").toString();
        if (group.get("pending").toLong() == 0) {
            return Uni.createFrom().item(lastDelivered);
        }
        return redis.stream(String.class).xpending(stream, name).map(summary -> summary.getLowestId());
    }

    private String retentionFloor() {
        return (System.currentTimeMillis() - config.streams().minRetention().toMillis()) + "-0";
    }

    private static String older(String a, String b) {
        return StreamId.parse(a).compareTo(StreamId.parse(b)) <= 0 ? a : b;
    }
}
