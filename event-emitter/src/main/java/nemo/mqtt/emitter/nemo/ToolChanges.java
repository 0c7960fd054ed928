package nemo.mqtt.emitter.nemo;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import nemo.mqtt.emitter.event.EventType;

/**
 * Tool names, parents and categories from NEMO's tool list, kept in the directory; a root tool seen
 * for the first time, or whose name or category changed, gets a tool_updated (a child's events
 * name it, it has none of its own). The event is named after the new values
 * ({@code updated:name=<name>,category=<category>}).
 */
final class ToolChanges {

    private ToolChanges() {}

    /** Records {@code listed} in {@code tools} (written with the directory); answers the events. */
    static List<PollerEvent> apply(List<NemoModel.Tool> listed, ToolDirectory tools, OffsetDateTime now) {
        List<PollerEvent> events = new ArrayList<>();
        for (NemoModel.Tool nemo : listed) {
            PolledTool tool = tools.get(nemo.id());
            boolean isNew = tool == null;
            if (isNew) {
                tool = new PolledTool();
                tool.toolId = nemo.id();
                tool.operational = true;
                tools.add(tool);
            }
            boolean changed = isNew
                    || !Objects.equals(tool.name, nemo.name())
                    || !Objects.equals(tool.category, nemo.category())
                    || !Objects.equals(tool.parentToolId, nemo.parentTool());
            if (!changed) {
                continue;
            }
            boolean describedBefore = !isNew && tool.name != null;
            boolean sameLabel = describedBefore
                    && Objects.equals(tool.name, nemo.name())
                    && Objects.equals(tool.category, nemo.category());
            tool.name = nemo.name();
            tool.category = nemo.category();
            tool.parentToolId = nemo.parentTool();
            tool.updatedAt = now;
            if (tool.parentToolId == null && !sameLabel) {
                events.add(tools.event(
                        EventType.TOOL_UPDATED,
                        "tool",
                        tool.toolId,
                        NemoEventIds.toolUpdated(tool.name, tool.category),
                        tool.toolId));
            }
        }
        return events;
    }
}
