package nemo.mqtt.emitter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nemo.mqtt.emitter.state.ToolState;

class ToolStateCacheTest {

    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-12-02T10:00:00Z");

    @Test
    void givesCopiesOfAllTheToolsAskedOrNothing() {
        ToolStateCache cache = cache(10);
        cache.committed(List.of(state(1, 3, "Alice"), state(2, 1, "Bob")));
        Map<Long, ToolState> copies = cache.copies(List.of(2L, 1L));
        assertEquals(List.of(1L, 2L), List.copyOf(copies.keySet()), "by ascending tool_id");
        assertNull(cache.copies(List.of(1L, 3L)), "tool 3 is not kept");

        copies.get(1L).userName = "Mallory";
        copies.get(1L).lastSeq = 9;
        assertEquals("Alice", cache.copies(List.of(1L)).get(1L).userName, "a change to a copy stays in the copy");
    }

    @Test
    void keepsCopiesOfWhatWasCommittedAndTheNewestPerTool() {
        ToolStateCache cache = cache(10);
        ToolState committed = state(1, 5, "Alice");
        cache.committed(List.of(committed));
        committed.userName = "Mallory";
        assertEquals("Alice", cache.copies(List.of(1L)).get(1L).userName);

        cache.committed(List.of(state(1, 4, "Bob")));
        assertEquals(5, cache.copies(List.of(1L)).get(1L).lastSeq, "a lane that committed earlier seqs answered last");
        cache.committed(List.of(state(1, 6, "Carol")));
        assertEquals("Carol", cache.copies(List.of(1L)).get(1L).userName);
    }

    @Test
    void dropsTheLeastRecentlyUsedBeyondItsCapacityAndWhatIsForgotten() {
        ToolStateCache cache = cache(2);
        cache.committed(List.of(state(1, 1, "A"), state(2, 1, "B")));
        assertNotNull(cache.copies(List.of(1L)));
        cache.committed(List.of(state(3, 1, "C")));
        assertNull(cache.copies(List.of(2L)), "tool 2 was used least recently");
        assertNotNull(cache.copies(List.of(1L, 3L)));

        cache.forget(List.of(3L));
        assertNull(cache.copies(List.of(3L)));
    }

    @Test
    void keepsTimesAsPostgresStoresThemInUtcToTheMicrosecond() {
        OffsetDateTime sent = OffsetDateTime.parse("2026-12-02T12:00:00.123456789+02:00");
        OffsetDateTime stored = OffsetDateTime.parse("2026-12-02T10:00:00.123456Z");
        ToolState state = state(1, 1, "A");
        state.inUseSince = sent;
        state.delayedLogoffUntil = sent;
        state.lastUsedUntil = sent;
        state.nextReservationStart = sent;
        state.nextReservationEnd = sent;
        state.stateSince = sent;
        state.updatedAt = sent;
        ToolStateCache cache = cache(10);
        cache.committed(List.of(state));
        Object[] kept = ToolStateRows.values(cache.copies(List.of(1L)).get(1L));
        long times = java.util.Arrays.stream(kept)
                .filter(value -> value instanceof OffsetDateTime)
                .peek(value -> assertEquals(stored, value))
                .count();
        assertEquals(7, times, "every timestamptz column of tool_state");
        assertEquals(sent, state.inUseSince, "the committed state itself is left as it was");
    }

    @Test
    void keepsNothingWithNoCapacity() {
        ToolStateCache cache = cache(0);
        cache.committed(List.of(state(1, 1, "A")));
        assertNull(cache.copies(List.of(1L)));
    }

    private static ToolStateCache cache(int capacity) {
        return new ToolStateCache(new GroupCommitConfig() {
            @Override
            public int lanes() {
                return 1;
            }

            @Override
            public int maxEvents() {
                return 500;
            }

            @Override
            public int cachedStates() {
                return capacity;
            }
        });
    }

    private static ToolState state(long tool, long lastSeq, String user) {
        ToolState state = ToolState.idle(tool, AT);
        state.lastSeq = lastSeq;
        state.userName = user;
        return state;
    }
}
