package nemo.mqtt.monitor.bridges;

import java.time.Instant;
import java.util.List;

/** What the bridges page shows; {@code error} says why Redis could not be read, with everything else empty. */
public record BridgesView(
        List<BridgeReplica> replicas, List<StreamStatus> streams, long deadLetters, String error, Instant readAt) {

    public long totalLength() {
        return streams.stream().mapToLong(StreamStatus::length).sum();
    }

    public long totalLag() {
        return streams.stream().mapToLong(StreamStatus::lag).sum();
    }

    public long totalPending() {
        return streams.stream().mapToLong(StreamStatus::pending).sum();
    }
}
