package nemo.mqtt.emitter.nemo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The ids both NEMO sources give a change: pinned, because a changed id means duplicates on a source switch. */
class NemoEventIdsTest {

    @Test
    void anIdIsTheNameBasedUuidOfTheRowAndTransition() {
        assertEquals(UUID.nameUUIDFromBytes("nemo:usage:42:start".getBytes()), NemoEventIds.of("usage", 42, "start"));
        assertNotEquals(NemoEventIds.of("usage", 42, "start"), NemoEventIds.of("usage", 42, "end"));
    }

    @Test
    void instantsAreEpochMillisecondsWhateverTheirZone() {
        assertEquals("1764500400000", NemoEventIds.part(Instant.parse("2025-11-30T11:00:00Z")));
        assertEquals(
                NemoEventIds.part(Instant.parse("2025-11-30T11:00:00Z")),
                NemoEventIds.part(java.time.OffsetDateTime.parse("2025-11-30T06:00:00-05:00")
                        .toInstant()));
    }

    @Test
    void sharedTransitionsAreSpelledOnce() {
        assertEquals("updated:name=Woollam,category=Ellipsometry", NemoEventIds.toolUpdated("Woollam", "Ellipsometry"));
        assertEquals("updated:name=Woollam,category=null", NemoEventIds.toolUpdated("Woollam", null));
        assertEquals("task:7", NemoEventIds.shutdownCause(7L, Instant.EPOCH));
        assertEquals("1000", NemoEventIds.shutdownCause(null, Instant.ofEpochSecond(1)));
    }
}
