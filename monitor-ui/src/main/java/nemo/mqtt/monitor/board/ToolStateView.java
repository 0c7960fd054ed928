package nemo.mqtt.monitor.board;

import java.util.Arrays;

/** How a tool's {@code state} (NEMO's priority order, from the status payload) looks to people. */
public enum ToolStateView {
    SHUTDOWN("shutdown", "Shut down", "⊘"),
    OUTAGE("outage", "Outage", "⚡"),
    PROBLEM("problem", "Problem", "⚠"),
    IN_USE("in_use", "In use", "▶"),
    DELAYED_LOGOFF("delayed_logoff", "Delayed logoff", "◷"),
    IDLE("idle", "Idle", "✓");

    private final String wireName;
    private final String label;
    private final String icon;

    ToolStateView(String wireName, String label, String icon) {
        this.wireName = wireName;
        this.label = label;
        this.icon = icon;
    }

    /** The view of a wire state; an unknown or missing state reads as idle rather than breaking the board. */
    public static ToolStateView of(String wireName) {
        return Arrays.stream(values())
                .filter(v -> v.wireName.equals(wireName))
                .findFirst()
                .orElse(IDLE);
    }

    public String wireName() {
        return wireName;
    }

    public String label() {
        return label;
    }

    public String icon() {
        return icon;
    }
}
