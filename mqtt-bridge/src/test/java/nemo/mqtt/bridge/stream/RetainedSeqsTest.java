package nemo.mqtt.bridge.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RetainedSeqsTest {

    @Test
    void aRetainedTopicNeverGoesBackToAnOlderSeqButTheSameOneGoesAgain() {
        RetainedSeqs seqs = new RetainedSeqs(100);
        assertTrue(seqs.admit("nemo/tools/1/status", 5));
        assertFalse(seqs.admit("nemo/tools/1/status", 3), "older");
        assertTrue(seqs.admit("nemo/tools/1/status", 5), "a republish carries the current seq");
        assertTrue(seqs.admit("lab1/tools/1/status", 3), "another topic (prefix) is another retained message");
        assertTrue(seqs.admit("nemo/tools/1/status", 6));
        assertFalse(seqs.admit("nemo/tools/1/status", 5));
    }

    @Test
    void memoryIsBoundedByForgettingTheLeastRecentlyPublishedTopic() {
        RetainedSeqs seqs = new RetainedSeqs(2);
        seqs.admit("a", 10);
        seqs.admit("b", 10);
        seqs.admit("a", 11);
        seqs.admit("c", 10);
        assertEquals(2, seqs.size());
        assertFalse(seqs.admit("a", 1), "a was published more recently than b");
        assertTrue(seqs.admit("b", 1), "b was forgotten");
    }
}
