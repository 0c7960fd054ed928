package nemo.mqtt.emitter.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An accepted event: what a source reported ({@code reported}, whose fields are the event's), with
 * the identity and order the emitter gave it. {@code toolName} is the name of {@code toolId}: the
 * reported one, or the one the emitter knows from an earlier event when the source left it out; read
 * it here rather than from {@code reported}.
 */
public record ToolEvent(UUID eventId, long seq, OffsetDateTime timestamp, String toolName, ToolEventDraft reported) {

    /**
     * An event the emitter causes itself for tool {@code toolId} named {@code toolName} (a republish, a
     * change time alone made): type {@code type}, a new id, seq {@code seq}, nothing a source reported.
     */
    public static ToolEvent cause(EventType type, long toolId, String toolName, long seq, OffsetDateTime timestamp) {
        return ToolEventDraft.ofTool(null, type, toolId, toolName, null)
                .withIdentity(UUID.randomUUID(), seq, timestamp);
    }

    /** What happened (the reported type). */
    public EventType event() {
        return reported.event();
    }

    /** The tool the event is filed under (a child tool's parent). */
    public long toolId() {
        return reported.toolId();
    }

    /** This event naming its tool {@code name} (the emitter knows it from an earlier event when the source left it out). */
    public ToolEvent withToolName(String name) {
        return new ToolEvent(eventId, seq, timestamp, name, reported);
    }
}
