package nemo.mqtt.emitter.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Fingerprints are stored with the events they identify, so their values are pinned: a change here
 * makes every retry of an event stored before it a refused conflict.
 */
class FingerprintTest {

    private static final ToolEventDraft CHILD_IN_USE = new ToolEventDraft(
            UUID.fromString("00000000-0000-4000-8000-000000000001"),
            EventType.TOOL_ENABLED,
            7L,
            8L,
            "Parent",
            "Child",
            null,
            "Litho",
            11L,
            null,
            13L,
            "Ann Lee",
            "Bo Kim",
            OffsetDateTime.parse("2026-11-30T10:00:00+01:00"),
            null,
            OffsetDateTime.parse("2026-11-30T09:30:00Z"),
            "a note; with 12:colons");

    @Test
    void valuesArePinned() {
        assertEquals("852e9b5087598803e52144c931f4bc8afc6b9bfea9cf8c0e23a447e2f651a70a", CHILD_IN_USE.fingerprint());
        assertEquals(
                "3db18c8198e07c12e20f19440fc9031569acdf773ba079c8cb8f9b8749c0b662",
                ToolEventDraft.ofTool(UUID.randomUUID(), EventType.TOOL_ENABLED, 3, "Tool", null)
                        .fingerprint());
    }

    @Test
    void timesCountAsInstantsAndTheEventIdNotAtAll() {
        ToolEventDraft sameInstantOtherOffset = new ToolEventDraft(
                UUID.randomUUID(),
                CHILD_IN_USE.event(),
                CHILD_IN_USE.toolId(),
                CHILD_IN_USE.childToolId(),
                CHILD_IN_USE.toolName(),
                CHILD_IN_USE.childToolName(),
                CHILD_IN_USE.parentToolId(),
                CHILD_IN_USE.category(),
                CHILD_IN_USE.usageId(),
                CHILD_IN_USE.reservationId(),
                CHILD_IN_USE.taskId(),
                CHILD_IN_USE.userName(),
                CHILD_IN_USE.operatorName(),
                OffsetDateTime.parse("2026-11-30T09:00:00Z"),
                null,
                CHILD_IN_USE.delayedLogoffUntil(),
                CHILD_IN_USE.note());
        assertEquals(CHILD_IN_USE.fingerprint(), sameInstantOtherOffset.fingerprint());
    }

    @Test
    void aValueCannotPassForTwo() {
        ToolEventDraft a = ToolEventDraft.ofTool(UUID.randomUUID(), EventType.TOOL_UPDATED, 3, "A;1:B", null);
        ToolEventDraft b = ToolEventDraft.ofTool(UUID.randomUUID(), EventType.TOOL_UPDATED, 3, "A", "B");
        assertNotEquals(a.fingerprint(), b.fingerprint());
        assertNotEquals(
                ToolEventDraft.ofTool(UUID.randomUUID(), EventType.TOOL_UPDATED, 3, "", null)
                        .fingerprint(),
                ToolEventDraft.ofTool(UUID.randomUUID(), EventType.TOOL_UPDATED, 3, null, null)
                        .fingerprint());
    }
}
