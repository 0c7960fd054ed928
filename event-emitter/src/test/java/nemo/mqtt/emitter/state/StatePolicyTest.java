package nemo.mqtt.emitter.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.event.ToolEvent;
import nemo.mqtt.emitter.event.ToolEventDraft;

/** State follows what the events say happened (usage identity, start and end times), not arrival order. */
class StatePolicyTest {

    private static final OffsetDateTime T0800 = OffsetDateTime.parse("2026-11-30T08:00:00Z");
    private static final OffsetDateTime T0845 = OffsetDateTime.parse("2026-11-30T08:45:00Z");
    private static final OffsetDateTime T0900 = OffsetDateTime.parse("2026-11-30T09:00:00Z");
    private static final OffsetDateTime ARRIVAL = OffsetDateTime.parse("2026-11-30T10:00:00Z");

    private final ToolState state = ToolState.idle(1, ARRIVAL);
    private long seq = 1;

    @Test
    void aLateStartOfAnEndedUsageChangesNoState() {
        apply(usage(EventType.TOOL_DISABLED, 72001L, "Alice", T0800, T0845));
        assertEquals("idle", state.state);
        assertEquals(T0845, state.stateSince, "since is the usage's end_time, not the arrival");
        assertEquals("Alice", state.lastUserName);
        assertEquals(T0845, state.lastUsedUntil);

        boolean changed = apply(usage(EventType.TOOL_ENABLED, 72001L, "Alice", T0800, null));
        assertEquals("idle", state.state);
        assertFalse(state.inUse);
        assertEquals(T0845, state.stateSince);
        assertTrue(state.warning.contains("usage 72001 arrived after its tool_disabled"), state.warning);
        assertTrue(changed, "the warning is news for the status");
    }

    /** An end without a usage id, or of another usage (1, Alice's from 08:00), before the running usage 2's start. */
    @ParameterizedTest(name = "usage {0}")
    @CsvSource(
            nullValues = "null",
            value = {
                "null, null, null, is older than the running usage of usage 2",
                "1, Alice, 2026-11-30T08:00:00Z, usage 1 is older than the running usage of usage 2"
            })
    void anEndOlderThanTheRunningUsagesStartChangesNoState(
            Long usageId, String user, OffsetDateTime start, String warning) {
        apply(usage(EventType.TOOL_ENABLED, 2L, "Bob", T0900, null));
        apply(usage(EventType.TOOL_DISABLED, usageId, user, start, T0845));
        assertEquals("in_use", state.state);
        assertEquals(2L, state.usageId);
        assertEquals("Bob", state.userName);
        assertEquals(T0900, state.stateSince);
        assertTrue(state.warning.contains(warning), state.warning);
    }

    @Test
    void theEndOfANewerUsageEndsTheRunningOneToo() {
        apply(usage(EventType.TOOL_ENABLED, 2L, "Bob", T0800, null));
        apply(usage(EventType.TOOL_DISABLED, 3L, "Carol", null, T0900));
        assertEquals("idle", state.state);
        assertEquals(T0900, state.stateSince);
        assertEquals("Carol", state.lastUserName);
        assertNull(state.warning);
    }

    @Test
    void withoutUsageIdsTheTimesDecide() {
        apply(usage(EventType.TOOL_ENABLED, null, "Bob", T0845, null));
        apply(usage(EventType.TOOL_ENABLED, null, "Alice", T0800, null));
        assertEquals("Bob", state.userName);
        apply(usage(EventType.TOOL_DISABLED, null, null, null, T0900));
        apply(usage(EventType.TOOL_ENABLED, null, "Alice", T0800, null));
        apply(usage(EventType.TOOL_DISABLED, null, null, null, T0845));
        assertEquals("idle", state.state);
        assertEquals(T0900, state.stateSince);
        assertEquals("Bob", state.lastUserName);
    }

    @Test
    void aStartOlderThanTheRunningUsagesStartChangesNoState() {
        apply(usage(EventType.TOOL_ENABLED, 2L, "Bob", T0900, null));
        apply(usage(EventType.TOOL_ENABLED, 1L, "Alice", T0800, null));
        assertEquals(2L, state.usageId);
        assertEquals("Bob", state.userName);
    }

    @Test
    void aStartBeforeTheLastUsageEndedChangesNoState() {
        apply(usage(EventType.TOOL_ENABLED, 2L, "Bob", T0845, null));
        apply(usage(EventType.TOOL_DISABLED, 2L, "Bob", null, T0900));
        apply(usage(EventType.TOOL_ENABLED, 1L, "Alice", T0800, null));
        assertEquals("idle", state.state);
        assertEquals("Bob", state.lastUserName);
        assertEquals(T0900, state.stateSince);
    }

    @Test
    void inOrderUsagesStillWork() {
        apply(usage(EventType.TOOL_ENABLED, 1L, "Alice", T0800, null));
        assertEquals("in_use", state.state);
        assertEquals(T0800, state.stateSince);
        apply(usage(EventType.TOOL_DISABLED, 1L, null, null, T0845));
        assertEquals("idle", state.state);
        assertEquals(T0845, state.stateSince);
        assertEquals("Alice", state.lastUserName, "who used it last, from the usage's start");
        assertNull(state.warning);
        apply(usage(EventType.TOOL_ENABLED, 2L, "Bob", T0900, null));
        assertEquals("Bob", state.userName);
        assertEquals(T0900, state.stateSince);
        // a new usage without the previous one's end: since moves to the new start
        apply(usage(EventType.TOOL_ENABLED, 3L, "Carol", ARRIVAL, null));
        assertEquals(ARRIVAL, state.stateSince);
    }

    @Test
    void theSameEndTwiceChangesNothing() {
        apply(usage(EventType.TOOL_ENABLED, 1L, "Alice", T0800, null));
        apply(usage(EventType.TOOL_DISABLED, 1L, null, null, T0845));
        assertFalse(apply(usage(EventType.TOOL_DISABLED, 1L, null, null, T0845)));
        assertNull(state.warning);
    }

    @Test
    void anEndWithoutAnyStartIsKeptAsAWarning() {
        apply(usage(EventType.TOOL_DISABLED, null, null, null, null));
        assertEquals("idle", state.state);
        assertEquals(StatePolicy.DISABLED_WITHOUT_USAGE, state.warning);
        assertEquals(ARRIVAL, state.stateSince, "without end_time, the arrival");
    }

    @Test
    void aProblemResolvedBeforeItWasCreatedLeavesNoProblem() {
        apply(task(EventType.TASK_RESOLVED, 31L, null));
        assertEquals("idle", state.state);
        apply(task(EventType.TASK_CREATED, 31L, "Lamp flickers"));
        assertEquals("idle", state.state);
        assertEquals(0, state.openProblems);
        assertNull(state.problemNote);
        assertTrue(state.warning.contains("task 31 arrived after its task_resolved"), state.warning);
    }

    @Test
    void tasksWithIdsOpenOnceAndCloseByIdentity() {
        apply(task(EventType.TASK_CREATED, 31L, "Lamp"));
        apply(task(EventType.TASK_CREATED, 31L, "Lamp, again"));
        apply(task(EventType.TASK_CREATED, 32L, "Pump"));
        assertEquals(2, state.openProblems);
        apply(task(EventType.TASK_RESOLVED, 99L, null));
        assertEquals(2, state.openProblems, "resolving another task closes none of these");
        apply(task(EventType.TASK_RESOLVED, 31L, null));
        apply(task(EventType.TASK_RESOLVED, 31L, null));
        assertEquals(1, state.openProblems);
        apply(task(EventType.TASK_RESOLVED, 32L, null));
        assertEquals("idle", state.state);
        // without ids, counted as before
        apply(task(EventType.TASK_CREATED, null, "x"));
        apply(task(EventType.TASK_RESOLVED, null, null));
        assertEquals(0, state.openProblems);
    }

    @Test
    void whatTheStatusShowsIsWhatDecidesAChange() {
        ToolEvent category = categorized("Lithography");
        assertTrue(StatePolicy.apply(state, category));
        assertEquals("Lithography", ToolStatusFields.of(state).get("category"));
        // something the status does not show is no change
        state.resolvedTaskIds = "7";
        ToolEvent again = categorized("Lithography");
        assertFalse(StatePolicy.apply(state, again));
    }

    @Test
    void anIdleStatusSaysWhoUsedTheToolLast() {
        apply(usage(EventType.TOOL_ENABLED, 1L, "Alice", T0800, null));
        assertFalse(ToolStatusFields.of(state).containsKey("last_user_name"), "not while in use");
        apply(usage(EventType.TOOL_DISABLED, 1L, null, null, T0845));
        assertEquals("Alice", ToolStatusFields.of(state).get("last_user_name"));
        assertEquals(T0845, ToolStatusFields.of(state).get("last_used_until"));
    }

    private boolean apply(ToolEvent event) {
        return StatePolicy.apply(state, event);
    }

    private ToolEvent categorized(String category) {
        return event(EventType.TOOL_UPDATED, category, null, null, null, null, null, null);
    }

    private ToolEvent usage(EventType type, Long usageId, String user, OffsetDateTime start, OffsetDateTime end) {
        return event(type, null, usageId, null, user, start, end, null);
    }

    private ToolEvent task(EventType type, Long taskId, String note) {
        return event(type, null, null, taskId, null, null, null, note);
    }

    /** An event of tool 1 with the next seq, arriving at {@link #ARRIVAL}; what the tests vary is given. */
    private ToolEvent event(
            EventType type,
            String category,
            Long usageId,
            Long taskId,
            String user,
            OffsetDateTime start,
            OffsetDateTime end,
            String note) {
        return new ToolEventDraft(
                        null, type, 1, null, null, null, null, category, usageId, null, taskId, user, null, start, end,
                        null, note)
                .withIdentity(UUID.randomUUID(), seq++, ARRIVAL);
    }
}
