package nemo.mqtt.emitter.store;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import nemo.mqtt.emitter.event.PayloadWriter;
import nemo.mqtt.emitter.event.ToolEvent;
import nemo.mqtt.emitter.event.Topics;
import nemo.mqtt.emitter.state.ToolState;

/**
 * What an accepted event writes besides the tool's state: its history payload and its outbox
 * messages (its own topic; the retained status and display when the status or the next reservation
 * changed; the retained next when that changed). Shared by both write paths: the group commit
 * ({@link GroupTransaction}) and events inside a caller's transaction ({@link EventStore#acceptWithin}).
 */
@ApplicationScoped
public class EventMessages {

    /** The event as stored (named), its history payload and its messages, in publishing order. */
    public record Written(ToolEvent event, String payload, List<EventWrites.Message> messages) {}

    @Inject
    PayloadWriter payloads;

    @Inject
    Topics topics;

    @Inject
    RetainedMessages retained;

    /** {@code reported} with the tool's name from {@code state} when it left the name out (or is a child's). */
    public static ToolEvent named(ToolEvent reported, ToolState state) {
        return reported.toolName() == null && state.toolName != null ? reported.withToolName(state.toolName) : reported;
    }

    /**
     * {@code event} (as {@link #named}) after {@code state} took it; {@code statusChanged}: the status
     * shows something else now (or the tool is new); {@code nextChanged}: its next reservation changed.
     */
    public Written of(ToolEvent event, ToolState state, boolean statusChanged, boolean nextChanged) {
        String payload = payloads.event(event);
        List<EventWrites.Message> messages = new ArrayList<>(4);
        topics.forEvent(event).ifPresent(topic -> messages.add(new EventWrites.Message(topic, payload, false)));
        if (statusChanged || nextChanged) {
            messages.addAll(retained.status(state, event));
        }
        if (nextChanged) {
            messages.add(retained.next(state, event));
        }
        return new Written(event, payload, messages);
    }
}
