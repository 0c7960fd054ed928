package nemo.mqtt.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmarks' one Markdown latency table: columns of their own before and after the percentiles
 * (p50, p95, p99, max in ms) and, when a goal is given, a last column saying whether the row's p99 is
 * under it. The first column is left-aligned, every other one right-aligned.
 */
final class LatencyTable {

    private final List<String> leading;
    private final List<String> trailing;
    private final Double goalP99Ms;
    private final StringBuilder rows = new StringBuilder();

    /** Takes the headers before and after the percentiles and the p99 goal in ms (null: no goal column). */
    LatencyTable(List<String> leading, List<String> trailing, Double goalP99Ms) {
        this.leading = List.copyOf(leading);
        this.trailing = List.copyOf(trailing);
        this.goalP99Ms = goalP99Ms;
    }

    /** Adds a row: {@code before} and {@code after} as already formatted, one value per header. */
    LatencyTable row(List<String> before, Percentiles latency, List<String> after) {
        List<String> cells = new ArrayList<>(before);
        cells.add(String.format(Locale.ROOT, "%.2f", latency.p50()));
        cells.add(String.format(Locale.ROOT, "%.2f", latency.p95()));
        cells.add(String.format(Locale.ROOT, "%.2f", latency.p99()));
        cells.add(String.format(Locale.ROOT, "%.1f", latency.max()));
        cells.addAll(after);
        if (goalP99Ms != null) {
            cells.add(meetsGoal(latency) ? "yes" : "**no**");
        }
        rows.append("| ").append(String.join(" | ", cells)).append(" |\n");
        return this;
    }

    /** Whether {@code latency}'s p99 is under the goal (true without a goal). */
    boolean meetsGoal(Percentiles latency) {
        return goalP99Ms == null || latency.p99() < goalP99Ms;
    }

    /** The header, its alignment line and the rows so far. */
    String markdown() {
        List<String> headers = new ArrayList<>(leading);
        headers.addAll(List.of("p50 ms", "p95 ms", "p99 ms", "max ms"));
        headers.addAll(trailing);
        if (goalP99Ms != null) {
            headers.add(String.format(Locale.ROOT, "goal: p99 < %.0f ms", goalP99Ms));
        }
        List<String> alignment = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            alignment.add(i == 0 ? "---" : "---:");
        }
        return "| " + String.join(" | ", headers) + " |\n| " + String.join(" | ", alignment) + " |\n" + rows;
    }
}
