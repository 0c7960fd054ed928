package nemo.mqtt.emitter.store;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import nemo.mqtt.emitter.event.DisplayConfig;
import nemo.mqtt.emitter.event.DisplayPayload;
import nemo.mqtt.emitter.event.PayloadWriter;
import nemo.mqtt.emitter.event.ToolEvent;
import nemo.mqtt.emitter.event.Topics;
import nemo.mqtt.emitter.state.ToolState;

/**
 * The retained messages of a tool as its state is now: status, display (always together with the
 * status, same seq) and next. Used where events change them and where they are published again.
 */
@ApplicationScoped
public class RetainedMessages {

    @Inject
    PayloadWriter payloads;

    @Inject
    Topics topics;

    @Inject
    DisplayConfig display;

    /** The status and its display form, with {@code cause}'s event_id and seq. */
    public List<EventWrites.Message> status(ToolState state, ToolEvent cause) {
        return List.of(
                new EventWrites.Message(topics.status(state.toolId), payloads.status(state, cause), true),
                display(state, cause.seq()));
    }

    public EventWrites.Message next(ToolState state, ToolEvent cause) {
        return new EventWrites.Message(topics.next(state.toolId), payloads.next(state, cause), true);
    }

    /** Every retained message of the tool: status, display and next. */
    public List<EventWrites.Message> all(ToolState state, ToolEvent cause) {
        List<EventWrites.Message> status = status(state, cause);
        return List.of(status.get(0), status.get(1), next(state, cause));
    }

    private EventWrites.Message display(ToolState state, long seq) {
        String topic = topics.display(state.toolId);
        return new EventWrites.Message(topic, displayOf(state, seq).json(topic, display.timeZone()), true);
    }

    /** What a screen shows: the user while in use, the note of the state shown when it has one. */
    static DisplayPayload displayOf(ToolState s, long seq) {
        String note = switch (s.state) {
            case "shutdown" -> s.shutdownNote;
            case "outage" -> s.outageNote;
            case "problem" -> s.problemNote;
            default -> null;
        };
        return new DisplayPayload(
                seq,
                s.state,
                s.inUse ? s.userName : null,
                s.stateSince,
                s.nextReservationStart,
                s.nextReservationUser,
                note);
    }
}
