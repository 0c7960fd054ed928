package nemo.mqtt.emitter.store;

/**
 * A Redis stream entry id, {@code <ms>-<seq>}, ordered as Redis orders them; an outbox row keeps the
 * one its relay batch ended at.
 */
public record StreamId(long ms, long seq) implements Comparable<StreamId> {

    public static StreamId parse(String id) {
        int dash = id.indexOf('-');
        return dash < 0
                ? new StreamId(Long.parseLong(id), 0)
                : new StreamId(Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
    }

    public static StreamId max(StreamId a, StreamId b) {
        return a == null ? b : b == null ? a : a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public int compareTo(StreamId other) {
        int byMs = Long.compare(ms, other.ms);
        return byMs != 0 ? byMs : Long.compare(seq, other.seq);
    }

    @Override
    public String toString() {
        return ms + "-" + seq;
    }
}
