package nemo.mqtt.wire;

import java.util.Objects;
import java.util.function.Function;

/**
 * How many entries of a stream a consumer group has not read yet, from XINFO GROUPS and XINFO
 * STREAM. Redis answers the group's {@code lag} itself, except where it cannot tell (nil: entries
 * deleted or trimmed past the group's position, a group set to an id, some 7.0 versions); then an
 * estimate that never understates the work left (a lag of 0 would tell KEDA to scale to zero while
 * entries wait). Used by the bridge's {@code nemo_bridge_shard_lag} and the monitor's bridges page.
 */
public final class UnreadEntries {

    private UnreadEntries() {}

    /**
     * {@link #estimate} from the fields of the group's XINFO GROUPS entry and of XINFO STREAM, each
     * looked up by name (a value whose {@code toString()} is the field's, null for nil), such as a
     * Redis client's map response's {@code get}.
     */
    public static long estimate(Function<String, ?> group, Function<String, ?> stream) {
        String entriesRead = Objects.toString(group.apply("entries-read"), null);
        return estimate(
                String.valueOf(group.apply("last-delivered-id")),
                entriesRead == null ? null : Long.valueOf(entriesRead),
                String.valueOf(stream.apply("last-generated-id")),
                Long.parseLong(String.valueOf(stream.apply("entries-added"))),
                Long.parseLong(String.valueOf(stream.apply("length"))));
    }

    /**
     * The estimate where Redis has no lag: 0 when the group has delivered the stream's last entry;
     * else the entries added minus those the group read, where Redis counted them, at most the
     * stream's length; else the whole length (every entry kept may be unread).
     *
     * @param lastDeliveredId the group's {@code last-delivered-id}
     * @param entriesRead     the group's {@code entries-read}, null when nil
     * @param lastGeneratedId the stream's {@code last-generated-id}
     * @param entriesAdded    the stream's {@code entries-added}
     * @param length          the stream's {@code length}
     */
    public static long estimate(
            String lastDeliveredId, Long entriesRead, String lastGeneratedId, long entriesAdded, long length) {
        if (compareIds(lastDeliveredId, lastGeneratedId) >= 0) {
            return 0;
        }
        if (entriesRead == null) {
            return length;
        }
        return Math.max(0, Math.min(length, entriesAdded - entriesRead));
    }

    /** Orders two stream ids ({@code <ms>-<seq>}; a bare {@code <ms>} has seq 0). */
    static int compareIds(String a, String b) {
        long[] x = parse(a);
        long[] y = parse(b);
        int byTime = Long.compareUnsigned(x[0], y[0]);
        return byTime != 0 ? byTime : Long.compareUnsigned(x[1], y[1]);
    }

    private static long[] parse(String id) {
        int dash = id.indexOf('-');
        return dash < 0
                ? new long[] {Long.parseUnsignedLong(id), 0}
                : new long[] {
                    Long.parseUnsignedLong(id.substring(0, dash)), Long.parseUnsignedLong(id.substring(dash + 1))
                };
    }
}
