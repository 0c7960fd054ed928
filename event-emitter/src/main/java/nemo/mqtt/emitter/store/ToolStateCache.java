package nemo.mqtt.emitter.store;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import nemo.mqtt.emitter.state.ToolState;

/**
 * The tool states this emitter committed last, one per tool, at most {@link
 * GroupCommitConfig#cachedStates} (the least recently used go first). {@link GroupTransaction} writes
 * a group whose tools are all here in one round trip, without reading their rows, on the condition
 * that the rows still have the versions kept here ({@link ToolStateRows.Version}); another writer's
 * change (another emitter, the NEMO poller, a refresh) fails that condition and the group reads them.
 * So what is kept here may be stale, never wrong. Thread-safe; it takes and gives copies, so a
 * transaction that fails leaves it as it was.
 */
@ApplicationScoped
class ToolStateCache {

    private final int capacity;
    /** By tool_id, least recently used first; guarded by this. */
    private final LinkedHashMap<Long, ToolState> states;

    ToolStateCache(GroupCommitConfig config) {
        this.capacity = config.cachedStates();
        this.states = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, ToolState> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Copies of the states of {@code tools}, by ascending tool_id; null when any of them is not kept. */
    synchronized Map<Long, ToolState> copies(Collection<Long> tools) {
        Map<Long, ToolState> copies = new TreeMap<>();
        for (Long tool : tools) {
            ToolState state = states.get(tool);
            if (state == null) {
                return null;
            }
            copies.put(tool, state.copy());
        }
        return copies;
    }

    /**
     * Keeps copies of {@code committed}, states a transaction wrote and committed, as PostgreSQL stored
     * them ({@link ToolStateRows#asStored}); a tool's newest by last_seq wins.
     */
    synchronized void committed(Collection<ToolState> committed) {
        if (capacity == 0) {
            return;
        }
        for (ToolState state : committed) {
            ToolState kept = states.get(state.toolId);
            if (kept == null || kept.lastSeq < state.lastSeq) {
                states.put(state.toolId, ToolStateRows.asStored(state));
            }
        }
    }

    /** Drops the states of {@code tools}: another transaction writes them. */
    synchronized void forget(Collection<Long> tools) {
        tools.forEach(states::remove);
    }
}
