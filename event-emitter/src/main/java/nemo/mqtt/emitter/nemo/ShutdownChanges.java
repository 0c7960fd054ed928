package nemo.mqtt.emitter.nemo;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import nemo.mqtt.emitter.event.EventType;

/**
 * Shutdowns: a root tool NEMO lists as not operational is shut down (a child's own flag means
 * nothing, NEMO reads its parent's). Both events of one shutdown are named after its cause, the
 * lowest open force-shutdown task ({@code task:<id>}), else the start NEMO recorded for the shutdown
 * period, else when the poller saw it ({@link NemoEventIds}: {@code operational:<bool>:<cause>}).
 */
final class ShutdownChanges {

    static final String MANUAL_NOTE = "shut down in NEMO";

    private ShutdownChanges() {}

    /**
     * Compares {@code read} with the directory, updating its records (and adding tools seen for the
     * first time) and adding the events to {@code out}.
     */
    static void apply(StateRead read, ToolDirectory tools, CycleEvents out) {
        OffsetDateTime now = PollerEvent.utc(read.at());
        Set<Long> shut =
                read.shutDown().stream().filter(id -> tools.root(id) == id).collect(Collectors.toSet());
        for (long id : shut) {
            if (tools.get(id) == null) {
                PolledTool tool = new PolledTool();
                tool.toolId = id;
                tool.operational = true;
                tool.updatedAt = now;
                tools.add(tool);
            }
        }
        for (PolledTool tool : tools.all()) {
            boolean operational = !shut.contains(tool.toolId);
            if (tool.parentToolId != null || tool.operational == operational) {
                continue;
            }
            if (!operational) {
                Optional<NemoModel.Task> task = read.openTasks().stream()
                        .filter(NemoModel.Task::forceShutdown)
                        .filter(t -> tools.root(t.tool()) == tool.toolId)
                        .min(Comparator.comparingLong(NemoModel.Task::id));
                tool.shutdownCause = NemoEventIds.shutdownCause(
                        task.map(NemoModel.Task::id).orElse(null),
                        read.shutdownPeriods().stream()
                                .filter(p -> p.tool() != null && tools.root(p.tool()) == tool.toolId)
                                .map(NemoModel.UnplannedOutage::start)
                                .min(Comparator.naturalOrder())
                                .orElse(read.at()));
                out.raising.add(tools.event(
                                EventType.TOOL_NON_OPERATIONAL,
                                "tool",
                                tool.toolId,
                                "operational:false:" + tool.shutdownCause,
                                tool.toolId)
                        .note(task.map(NemoModel.Task::problemDescription).orElse(MANUAL_NOTE)));
            } else {
                String cause = tool.shutdownCause != null ? tool.shutdownCause : NemoEventIds.part(read.at());
                out.lowering.add(tools.event(
                        EventType.TOOL_OPERATIONAL, "tool", tool.toolId, "operational:true:" + cause, tool.toolId));
                tool.shutdownCause = null;
            }
            tool.operational = operational;
            tool.updatedAt = now;
        }
    }
}
