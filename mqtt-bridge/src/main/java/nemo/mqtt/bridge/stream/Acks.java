package nemo.mqtt.bridge.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import nemo.mqtt.service.OutageLog;

/**
 * Batches XACKs per stream: while one XACK is under way, ids confirmed meanwhile gather and go out
 * together in the next, so a busy stream is acked with few round trips. Failed acks are retried.
 */
// @Singleton: used for every message, and a client proxy would look the instance up on every call
@Singleton
public class Acks {

    private static final Logger LOG = Logger.getLogger(Acks.class);

    private final Streams streams;
    private final Counter acked;
    private final MeterRegistry registry;
    private final Map<String, StreamAcks> byStream = new ConcurrentHashMap<>();

    Acks(Streams streams, MeterRegistry registry) {
        this.streams = streams;
        this.acked = registry.counter("nemo.bridge.acked");
        this.registry = registry;
    }

    public void ack(String stream, String id) {
        byStream.computeIfAbsent(stream, StreamAcks::new).add(id);
    }

    /** Ids waiting to be acked (confirmed by the broker, not yet by Redis). */
    public int waiting() {
        return byStream.values().stream().mapToInt(StreamAcks::size).sum();
    }

    private final class StreamAcks {
        private final String stream;
        /** One per stream: one stream's acks succeeding says nothing of another's. */
        private final OutageLog outage;

        private List<String> queued = new ArrayList<>();
        private boolean sending;

        StreamAcks(String stream) {
            this.stream = stream;
            this.outage = OutageLog.forLoop(LOG, "acks", "XACK on " + stream, registry);
        }

        synchronized int size() {
            return queued.size();
        }

        void add(String id) {
            synchronized (this) {
                queued.add(id);
                if (sending) {
                    return;
                }
                sending = true;
            }
            flush();
        }

        private void flush() {
            List<String> batch;
            synchronized (this) {
                if (queued.isEmpty()) {
                    sending = false;
                    return;
                }
                batch = queued;
                queued = new ArrayList<>();
            }
            streams.ack(stream, batch)
                    .subscribe()
                    .with(
                            count -> {
                                acked.increment(batch.size());
                                outage.recovered();
                                flush();
                            },
                            failure -> {
                                outage.failed(failure);
                                synchronized (this) {
                                    batch.addAll(queued);
                                    queued = batch;
                                }
                                io.smallrye.mutiny.Uni.createFrom()
                                        .voidItem()
                                        .onItem()
                                        .delayIt()
                                        .by(java.time.Duration.ofMillis(500))
                                        .subscribe()
                                        .with(v -> flush());
                            });
        }
    }
}
