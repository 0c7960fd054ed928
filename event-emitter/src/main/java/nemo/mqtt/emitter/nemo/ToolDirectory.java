package nemo.mqtt.emitter.nemo;

import java.util.Collection;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.store.TrackedRows;

/**
 * The tools the poller knows (nemo_poller_tool): names, parents, categories. NEMO shows a child
 * ("alternate") tool's usage, problems and outages on its parent, so every event is filed under the
 * root tool and names the child (docs/notes/nemo-capture-research.md, 1.3).
 */
final class ToolDirectory {

    private final TrackedRows<PolledTool> tools = new TrackedRows<>(PolledTool.TABLE);

    private ToolDirectory() {}

    /** Reads the directory in the transaction on {@code connection}. */
    static Uni<ToolDirectory> load(SqlConnection connection) {
        ToolDirectory directory = new ToolDirectory();
        return directory.tools.loadAll(connection).replaceWith(directory);
    }

    /** Writes the tools added or changed since {@link #load}. */
    Uni<Void> write(SqlConnection connection) {
        return tools.write(connection);
    }

    /** The tool {@code toolId} shows on: its parent when it is a child, else itself. */
    long root(long toolId) {
        PolledTool tool = tools.get(toolId);
        return tool != null && tool.parentToolId != null ? tool.parentToolId : toolId;
    }

    PolledTool get(long toolId) {
        return tools.get(toolId);
    }

    Collection<PolledTool> all() {
        return tools.present();
    }

    /** Adds a tool seen for the first time (written by {@link #write}). */
    void add(PolledTool tool) {
        tools.add(tool);
    }

    /**
     * An event of {@code type} about {@code toolId}, filed under its root with the root's name and
     * category (and the child's id and name when {@code toolId} is a child); its id is
     * {@link NemoEventIds#of}{@code (table, rowId, transition)}.
     */
    PollerEvent event(EventType type, String table, long rowId, String transition, long toolId) {
        UUID id = NemoEventIds.of(table, rowId, transition);
        long root = root(toolId);
        PolledTool rootTool = tools.get(root);
        PolledTool child = root != toolId ? tools.get(toolId) : null;
        return new PollerEvent(
                id,
                type,
                new PollerEvent.Filed(
                        root,
                        rootTool == null ? null : rootTool.name,
                        root != toolId ? toolId : null,
                        child == null ? null : child.name,
                        rootTool == null ? null : rootTool.category));
    }
}
