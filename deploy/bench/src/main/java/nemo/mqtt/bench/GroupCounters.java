package nemo.mqtt.bench;

import java.util.Locale;

/**
 * The emitter's group-commit counters, read from its Prometheus text (/q/metrics): groups committed,
 * the events they stored, those written in one round trip from the tool states in memory, and those
 * whose one-trip write was refused and read again (GroupTransaction). A metric absent counts 0.
 */
record GroupCounters(double groups, double events, double oneTrip, double readAgain) {

    /** The counters in {@code prometheus}, the text /q/metrics answers (labels, if any, are summed over). */
    static GroupCounters parse(String prometheus) {
        return new GroupCounters(
                value(prometheus, "nemo_events_group_size_count"),
                value(prometheus, "nemo_events_group_size_sum"),
                value(prometheus, "nemo_events_group_one_trip_total"),
                value(prometheus, "nemo_events_group_read_again_total"));
    }

    /** What happened between {@code before} and this reading. */
    GroupCounters since(GroupCounters before) {
        return new GroupCounters(
                groups - before.groups, events - before.events, oneTrip - before.oneTrip, readAgain - before.readAgain);
    }

    /** "4,210 groups, 7.9 events per group, 97% in one round trip, 2% read again". */
    String describe() {
        double g = Math.max(groups, 1);
        return String.format(
                Locale.ROOT,
                "%,.0f groups, %.1f events per group, %.0f%% in one round trip, %.0f%% read again",
                groups,
                events / g,
                100 * oneTrip / g,
                100 * readAgain / g);
    }

    private static double value(String prometheus, String name) {
        return prometheus
                .lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
