package nemo.mqtt.bridge.stream;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The highest {@code seq} this replica has published with retain on each topic (as published, after
 * the topic prefix is applied), so a retained topic never goes back to an older state (DESIGN.md,
 * "Retained state heals"): an older entry arriving late, say replayed after a newer one, is skipped.
 * An equal seq is let through: a republish of the current state carries the current seq. Bounded:
 * past {@code maxTopics} the least recently published topic is forgotten (tools are thousands at
 * most, with three retained topics each), which only loosens the check for that topic.
 */
public final class RetainedSeqs {

    private final Map<String, Long> highest;

    public RetainedSeqs(int maxTopics) {
        int limit = Math.max(1, maxTopics);
        this.highest = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > limit;
            }
        };
    }

    /**
     * @return false if {@code seq} is older than one already published retained on {@code topic}
     *         (skip it); otherwise true, and {@code seq} is remembered if it is the highest
     */
    public synchronized boolean admit(String topic, long seq) {
        Long seen = highest.get(topic);
        if (seen != null && seq < seen) {
            return false;
        }
        highest.put(topic, seen == null ? seq : Math.max(seen, seq));
        return true;
    }

    public synchronized int size() {
        return highest.size();
    }
}
