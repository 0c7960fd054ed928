package nemo.mqtt.emitter.event;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * NEMO's vocabulary for what happened to a tool, with the event topic each is published on (if
 * any: outages and tool updates show only in the retained status).
 */
public enum EventType {
    TOOL_ENABLED("tool_enabled", "enabled"),
    TOOL_DISABLED("tool_disabled", "disabled"),
    TOOL_OPERATIONAL("tool_operational", "operational"),
    TOOL_NON_OPERATIONAL("tool_non_operational", "non-operational"),
    TASK_CREATED("task_created", "tasks"),
    TASK_UPDATED("task_updated", "tasks"),
    TASK_RESOLVED("task_resolved", "tasks"),
    OUTAGE_STARTED("outage_started", null),
    OUTAGE_ENDED("outage_ended", null),
    RESERVATION_CREATED("reservation_created", null),
    RESERVATION_UPDATED("reservation_updated", null),
    RESERVATION_CANCELLED("reservation_cancelled", null),
    TOOL_UPDATED("tool_updated", null);

    private final String wireName;
    private final String toolTopicSuffix;

    EventType(String wireName, String toolTopicSuffix) {
        this.wireName = wireName;
        this.toolTopicSuffix = toolTopicSuffix;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Last level of {@code <prefix>/tools/<tool_id>/<suffix>}, for events published on a tool topic. */
    public Optional<String> toolTopicSuffix() {
        return Optional.ofNullable(toolTopicSuffix);
    }

    /** The type named exactly {@code wireName} (no trimming, no case folding, no positions). */
    public static Optional<EventType> byWireName(String wireName) {
        for (EventType type : values()) {
            if (type.wireName.equals(wireName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public boolean isReservation() {
        return this == RESERVATION_CREATED || this == RESERVATION_UPDATED || this == RESERVATION_CANCELLED;
    }
}
