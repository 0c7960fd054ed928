package nemo.mqtt.emitter.event;

import com.fasterxml.jackson.annotation.JsonValue;

/** NEMO's vocabulary for what happened to a tool, with the topic each is published on. */
public enum EventType {
    TOOL_ENABLED("tool_enabled", "enabled"),
    TOOL_DISABLED("tool_disabled", "disabled"),
    TOOL_OPERATIONAL("tool_operational", "operational"),
    TOOL_NON_OPERATIONAL("tool_non_operational", "non-operational"),
    TASK_CREATED("task_created", "tasks"),
    TASK_UPDATED("task_updated", "tasks"),
    TASK_RESOLVED("task_resolved", "tasks");

    private final String wireName;
    private final String topicSuffix;

    EventType(String wireName, String topicSuffix) {
        this.wireName = wireName;
        this.topicSuffix = topicSuffix;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Last level of {@code <prefix>/tools/<tool_id>/<suffix>}. */
    public String topicSuffix() {
        return topicSuffix;
    }
}
