package nemo.mqtt.bridge.stream;

import java.time.Duration;

import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * Looks again, every {@code nemo.bridge.streams.pending-recheck} while a shard is owned, for entries
 * this consumer has held pending longer than that: delivered, never acknowledged. Normally a PUBACK
 * and its XACK follow within milliseconds; an entry left behind had its XACK lost (a Redis failover
 * that promoted a replica without it) or its publish abandoned. Without a look it would stay pending
 * until the next broker reconnection or shard hand-over, holding back the trimmer and showing as a
 * backlog to the monitor and the autoscaler. When it finds one, the reader replays its pending
 * entries, in order (consumers drop the copies of ones already delivered by {@code event_id}).
 * One per reader; not thread-safe, called from the reader's own steps.
 */
final class PendingRecheck {

    private static final Logger LOG = Logger.getLogger(PendingRecheck.class);

    private final String stream;
    private final Streams streams;
    private final Duration every;
    private long nextLookNanos;

    PendingRecheck(String stream, Streams streams, Duration every) {
        this.stream = stream;
        this.streams = streams;
        this.every = every;
        this.nextLookNanos = System.nanoTime() + every.toNanos();
    }

    /**
     * @return true when it was time to look and an entry of this consumer has been pending longer
     *         than the interval (the reader should replay); false otherwise, or when Redis did not
     *         answer (the reader's own reads report that)
     */
    Uni<Boolean> replayDue() {
        long now = System.nanoTime();
        if (now - nextLookNanos < 0) {
            return Uni.createFrom().item(false);
        }
        nextLookNanos = now + every.toNanos();
        return streams.hasPendingIdleFor(stream, every)
                .invoke(stale -> {
                    if (stale) {
                        LOG.infof(
                                "%s: entries pending for over %s (an acknowledgement was lost); replaying them",
                                stream, every);
                    }
                })
                .onFailure()
                .recoverWithItem(false);
    }
}
