package nemo.mqtt.e2e.chaos;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import nemo.mqtt.testing.DeliveryAssertions;
import nemo.mqtt.testing.DeliveryAssertions.Delivery;

/** What the run did and what reached the display: counts, losses, order breaks and recovery per fault. */
final class ChaosReport {

    private final SteadyLoad load;
    private final DurableSubscriber display;
    private final List<ChaosMonkey.Fault> faults;
    private final long startNanos;

    ChaosReport(SteadyLoad load, DurableSubscriber display, List<ChaosMonkey.Fault> faults, long startNanos) {
        this.load = load;
        this.display = display;
        this.faults = faults;
        this.startNanos = startNanos;
    }

    /** Accepted events that never arrived, ordered by tool and seq, each with where it sat in the run. */
    List<String> lost() {
        List<SteadyLoad.Accepted> accepted = load.accepted.values().stream()
                .sorted(Comparator.comparingLong(SteadyLoad.Accepted::toolId)
                        .thenComparingLong(SteadyLoad.Accepted::seq))
                .toList();
        return DeliveryAssertions.lost(accepted, SteadyLoad.Accepted::eventId, display.firstArrival.keySet()).stream()
                .map(a -> String.format(
                        Locale.ROOT,
                        "%s (tool %d seq %d %s, accepted at t=%.1fs)",
                        a.eventId(),
                        a.toolId(),
                        a.seq(),
                        a.event(),
                        seconds(a.acceptedNanos())))
                .toList();
    }

    /** Per tool, after dropping repeats of an event_id already seen: any arrival whose seq is not above the one before. */
    List<String> orderBreaks() {
        return DeliveryAssertions.orderBreaks(display.arrivals()).stream()
                .sorted(Comparator.comparingLong(b -> b.arrival().toolId()))
                .map(b -> String.format(
                        Locale.ROOT, "%s, at t=%.1fs", b, seconds(b.arrival().receivedNanos())))
                .toList();
    }

    /** Each tool's event with the highest seq: what its retained status must show. */
    Map<Long, SteadyLoad.Accepted> lastEventPerTool() {
        return load.accepted.values().stream()
                .collect(Collectors.toMap(SteadyLoad.Accepted::toolId, a -> a, (a, b) -> a.seq() > b.seq() ? a : b));
    }

    long delivered() {
        return load.accepted.keySet().stream()
                .filter(display.firstArrival::containsKey)
                .count();
    }

    String summary() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                Locale.ROOT,
                "[chaos] sent %d, accepted %d (POST attempts %d, failed and retried %d), delivered %d, duplicates %d, lost %d;"
                        + " per-tool order breaks %d over %d tools; display (re)connected %d times%n",
                load.sent.get(),
                load.accepted.size(),
                load.attempts.get(),
                load.failedAttempts.get(),
                delivered(),
                display.duplicates.get(),
                lost().size(),
                orderBreaks().size(),
                display.arrivals().stream().map(Delivery::toolId).distinct().count(),
                display.connects.get()));
        text.append("[chaos] | fault | killed at | down s | back after restart s | next delivery after restart s"
                + " | all accepted before restart delivered after s |\n");
        for (ChaosMonkey.Fault f : faults) {
            text.append(String.format(
                    Locale.ROOT,
                    "[chaos] | %s | %.1f s | %.1f | %.1f | %s | %s |%n",
                    f.victim(),
                    seconds(f.killedNanos()),
                    (f.restartNanos() - f.killedNanos()) / 1e9,
                    (f.backNanos() - f.restartNanos()) / 1e9,
                    nextDelivery(f),
                    caughtUp(f)));
        }
        return text.toString();
    }

    /** Restart to the first event that arrived for the first time after it. */
    private String nextDelivery(ChaosMonkey.Fault f) {
        OptionalLong first = display.firstArrival.values().stream()
                .mapToLong(Long::longValue)
                .filter(t -> t >= f.restartNanos())
                .min();
        return first.isPresent()
                ? String.format(Locale.ROOT, "%.2f", (first.getAsLong() - f.restartNanos()) / 1e9)
                : "-";
    }

    /**
     * Restart to the arrival of the last event accepted before the restart (0 when all had arrived
     * already, "-" when none had been accepted).
     */
    private String caughtUp(ChaosMonkey.Fault f) {
        long latest = Long.MIN_VALUE;
        for (SteadyLoad.Accepted a : load.accepted.values()) {
            if (a.acceptedNanos() < f.restartNanos()) {
                Long arrived = display.firstArrival.get(a.eventId());
                if (arrived == null) {
                    return "never";
                }
                latest = Math.max(latest, arrived);
            }
        }
        if (latest == Long.MIN_VALUE) {
            return "-"; // latest - restart would overflow into a huge figure
        }
        return String.format(Locale.ROOT, "%.2f", Math.max(0, latest - f.restartNanos()) / 1e9);
    }

    private double seconds(long nanos) {
        return (nanos - startNanos) / 1e9;
    }
}
