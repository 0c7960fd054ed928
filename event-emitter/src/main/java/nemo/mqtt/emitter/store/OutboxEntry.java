package nemo.mqtt.emitter.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** A stream entry waiting to be appended to Redis, written in the event's transaction. */
@Entity
@Table(name = "outbox")
public class OutboxEntry extends EventRow {

    public String streamKey;

    public String topic;

    public short qos;

    public boolean retain;

    public OffsetDateTime createdAt;

    public OffsetDateTime sentAt;

    /** With {@link #streamSeq}: the id of the last entry the row's relay batch appended to its stream. */
    public Long streamMs;

    public Long streamSeq;

    /** The oldest unsent rows, in commit order of each tool (ids grow with seq per tool). */
    public static Uni<List<OutboxEntry>> oldestUnsent(int limit) {
        return find("sentAt is null", Sort.by("id")).page(0, limit).list();
    }

    /** Marks rows sent, each with the id of the last entry the batch appended to its stream. */
    public static Uni<Integer> markSent(List<Long> ids, OffsetDateTime at, Map<String, StreamId> lastPerStream) {
        // One statement for the batch: a CASE per column picks each row's stream position (the casts:
        // PostgreSQL would type the CASE's parameters as text).
        StringBuilder ms = new StringBuilder("case streamKey");
        StringBuilder seq = new StringBuilder("case streamKey");
        Parameters parameters = Parameters.with("at", at).and("ids", ids);
        int i = 0;
        for (Map.Entry<String, StreamId> last : lastPerStream.entrySet()) {
            ms.append(" when :k").append(i).append(" then cast(:ms").append(i).append(" as Long)");
            seq.append(" when :k").append(i).append(" then cast(:seq").append(i).append(" as Long)");
            parameters
                    .and("k" + i, last.getKey())
                    .and("ms" + i, last.getValue().ms())
                    .and("seq" + i, last.getValue().seq());
            i++;
        }
        return update(
                "sentAt = :at, streamMs = " + ms + " end, streamSeq = " + seq + " end where id in :ids", parameters);
    }

    /** Where a stream's newest sent row went, or null when none knows. */
    public static Uni<StreamId> lastSent(String streamKey) {
        return find(
                        "streamKey = ?1 and sentAt is not null and streamMs is not null",
                        Sort.descending("streamMs", "streamSeq"),
                        streamKey)
                .project(StreamId.class)
                .firstResult();
    }

    /** Marks a stream's rows sent after entry {@code after} unsent again; answers how many. */
    public static Uni<Integer> markUnsentAfter(String streamKey, StreamId after) {
        return update(
                "sentAt = null where streamKey = ?1 and sentAt is not null"
                        + " and (streamMs > ?2 or (streamMs = ?2 and streamSeq > ?3))",
                streamKey,
                after.ms(),
                after.seq());
    }
}
