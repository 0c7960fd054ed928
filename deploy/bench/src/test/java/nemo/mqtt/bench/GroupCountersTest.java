package nemo.mqtt.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GroupCountersTest {

    private static final String BEFORE = """
            # HELP nemo_events_group_size Events stored per group commit transaction
            # TYPE nemo_events_group_size summary
            nemo_events_group_size_count 10.0
            nemo_events_group_size_sum 40.0
            nemo_events_group_size_max 9.0
            nemo_events_group_one_trip_total 6.0
            """;

    private static final String AFTER = """
            nemo_events_group_size_count 110.0
            nemo_events_group_size_sum 840.0
            nemo_events_group_one_trip_total{lane="a"} 50.0
            nemo_events_group_one_trip_total{lane="b"} 46.0
            nemo_events_group_read_again_total 4.0
            nemo_events_group_size_count_other 7.0
            """;

    @Test
    void readsTheCountersSummingLabelsAndTakingAnAbsentOneAsZero() {
        assertEquals(new GroupCounters(10, 40, 6, 0), GroupCounters.parse(BEFORE));
        assertEquals(new GroupCounters(110, 840, 96, 4), GroupCounters.parse(AFTER));
    }

    @Test
    void describesWhatHappenedBetweenTwoReadings() {
        GroupCounters run = GroupCounters.parse(AFTER).since(GroupCounters.parse(BEFORE));
        assertEquals(new GroupCounters(100, 800, 90, 4), run);
        assertEquals("100 groups, 8.0 events per group, 90% in one round trip, 4% read again", run.describe());
    }
}
