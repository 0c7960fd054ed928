package nemo.mqtt.bridge.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A shard reader's replay of its pending entries, per connection, without Redis or a broker. */
class ReplayTest {

    private final Replay replay = new Replay();

    @Test
    void aNewConnectionReplaysFromTheStartBatchByBatchUntilAReadFindsNone() {
        assertTrue(replay.replaying(1));
        assertEquals(Streams.PENDING_FROM_START, replay.cursor());
        replay.read(1, List.of(entry("1-0"), entry("2-0")));
        assertTrue(replay.replaying(1));
        assertEquals("2-0", replay.cursor(), "the next read goes on after the last entry read");
        replay.read(1, List.of());
        assertFalse(replay.replaying(1), "new entries flow once no pending one is left");
    }

    @Test
    void everyNewConnectionStartsTheReplayOver() {
        replay.replaying(1);
        replay.read(1, List.of(entry("5-0")));
        replay.read(1, List.of());
        assertTrue(replay.replaying(2));
        assertEquals(Streams.PENDING_FROM_START, replay.cursor());
    }

    @Test
    void aConnectionLostMidReplayStartsOverOnTheNextOne() {
        replay.replaying(1);
        replay.read(1, List.of(entry("7-0")));
        assertTrue(replay.replaying(2));
        assertEquals(
                Streams.PENDING_FROM_START, replay.cursor(), "entries after 7-0 and 7-0 itself may be pending again");
    }

    @Test
    void aBatchOfAnEarlierConnectionChangesNothing() {
        replay.replaying(1);
        replay.replaying(2);
        replay.read(1, List.of());
        assertTrue(replay.replaying(2), "connection 1's empty read does not end connection 2's replay");
        replay.read(1, List.of(entry("9-0")));
        assertEquals(Streams.PENDING_FROM_START, replay.cursor());
    }

    @Test
    void aRestartReplaysFromTheStartOnTheSameConnection() {
        replay.replaying(1);
        replay.read(1, List.of(entry("3-0")));
        replay.read(1, List.of());
        replay.restart();
        assertTrue(replay.replaying(1), "after a failed Redis step pending entries are read again first");
        assertEquals(Streams.PENDING_FROM_START, replay.cursor());
    }

    private static Entry entry(String id) {
        return new Entry("s", id, "nemo/tools/1/status", "{}", 1, false, "e-" + id, null);
    }
}
