package nemo.mqtt.emitter.nemo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.event.ToolEventDraft;

/** An event the poller is about to store, filled in step by step ({@link ToolDirectory#event} starts one). */
final class PollerEvent {

    /**
     * The tool an event is filed under: the root tool's id, name and category, and the child's id and
     * name when the event is a child tool's (else null).
     */
    record Filed(long toolId, String toolName, Long childToolId, String childToolName, String category) {}

    private final UUID id;
    private final EventType type;
    private final Filed tool;
    private Long usageId;
    private Long reservationId;
    private Long taskId;
    private String userName;
    private String operatorName;
    private Instant start;
    private Instant end;
    private Instant delayedLogoffUntil;
    private String note;

    PollerEvent(UUID id, EventType type, Filed tool) {
        this.id = id;
        this.type = type;
        this.tool = tool;
    }

    EventType type() {
        return type;
    }

    PollerEvent usage(long id, String user, String operator) {
        this.usageId = id;
        this.userName = user;
        this.operatorName = operator;
        return this;
    }

    PollerEvent reservation(long id, String user) {
        this.reservationId = id;
        this.userName = user;
        return this;
    }

    PollerEvent task(long id) {
        this.taskId = id;
        return this;
    }

    PollerEvent times(Instant start, Instant end) {
        this.start = start;
        this.end = end;
        return this;
    }

    PollerEvent delayedLogoffUntil(Instant until) {
        this.delayedLogoffUntil = until;
        return this;
    }

    PollerEvent note(String note) {
        this.note = note;
        return this;
    }

    ToolEventDraft draft() {
        return new ToolEventDraft(
                id,
                type,
                tool.toolId(),
                tool.childToolId(),
                tool.toolName(),
                tool.childToolName(),
                null,
                tool.category(),
                usageId,
                reservationId,
                taskId,
                userName,
                operatorName,
                utc(start),
                utc(end),
                utc(delayedLogoffUntil),
                note);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
