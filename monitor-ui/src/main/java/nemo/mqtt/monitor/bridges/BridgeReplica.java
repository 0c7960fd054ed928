package nemo.mqtt.monitor.bridges;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One live mqtt-bridge replica as its last heartbeat describes it. */
public record BridgeReplica(
        String replica,
        String version,
        List<Integer> ownedShards,
        boolean brokerConnected,
        String broker,
        long settingsVersion,
        String settingsError,
        String lastError,
        long inFlight,
        long published,
        long acked,
        long reconnects,
        long deadLettered,
        Map<String, Long> lag,
        Map<String, Long> pending,
        Instant updatedAt) {

    public long totalLag() {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalPending() {
        return pending.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Seconds since the heartbeat was written (the page shows how fresh it is). */
    public long ageSeconds() {
        return updatedAt == null
                ? -1
                : Math.max(0, Duration.between(updatedAt, Instant.now()).toSeconds());
    }

    public String shards() {
        return ownedShards.isEmpty()
                ? "none"
                : String.join(", ", ownedShards.stream().map(String::valueOf).toList());
    }
}
