package nemo.mqtt.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The unread count where Redis's XINFO GROUPS lag is nil: never below the work left. */
class UnreadEntriesTest {

    @Test
    void nothingUnreadOnceTheGroupDeliveredTheLastEntry() {
        assertEquals(0, UnreadEntries.estimate("1700000000000-5", null, "1700000000000-5", 40, 12));
        assertEquals(0, UnreadEntries.estimate("1700000000001-0", 30L, "1700000000000-9", 40, 12));
    }

    @Test
    void entriesAddedMinusReadAtMostTheLength() {
        assertEquals(7, UnreadEntries.estimate("1700000000000-5", 33L, "1700000000002-0", 40, 12));
        assertEquals(12, UnreadEntries.estimate("1700000000000-5", 3L, "1700000000002-0", 40, 12));
    }

    @Test
    void theWholeStreamWhenRedisDidNotCountWhatTheGroupRead() {
        assertEquals(12, UnreadEntries.estimate("0-0", null, "1700000000002-0", 40, 12));
    }

    @Test
    void idsCompareByTimeThenSequenceAsNumbers() {
        assertTrue(UnreadEntries.compareIds("1700000000000-10", "1700000000000-9") > 0);
        assertTrue(UnreadEntries.compareIds("999-0", "1000-0") < 0);
        assertEquals(0, UnreadEntries.compareIds("5", "5-0"));
    }

    @Test
    void readsTheFieldsOfTheTwoXinfoAnswersByName() {
        Map<String, Object> group = new HashMap<>(Map.of("last-delivered-id", "10-0"));
        group.put("entries-read", null);
        Map<String, Object> stream = Map.of("last-generated-id", "12-0", "entries-added", 9L, "length", 4L);
        assertEquals(4, UnreadEntries.estimate(group::get, stream::get));
        group.put("entries-read", 8L);
        assertEquals(1, UnreadEntries.estimate(group::get, stream::get));
    }
}
