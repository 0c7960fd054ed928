package nemo.mqtt.emitter.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.hibernate.reactive.panache.common.ProjectedFieldName;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** A stream entry waiting to be appended to Redis, written in the event's transaction. */
@Entity
@Table(name = "outbox")
public class OutboxEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "tool_id", nullable = false)
    public long toolId;

    @Column(nullable = false)
    public long seq;

    @Column(name = "stream_key", nullable = false)
    public String streamKey;

    @Column(nullable = false)
    public String topic;

    @Column(nullable = false)
    public String payload;

    @Column(nullable = false)
    public short qos;

    @Column(nullable = false)
    public boolean retain;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "sent_at")
    public OffsetDateTime sentAt;

    /** With {@link #streamSeq}: the id of the last entry the row's relay batch appended to its stream. */
    @Column(name = "stream_ms")
    public Long streamMs;

    @Column(name = "stream_seq")
    public Long streamSeq;

    /** The oldest unsent rows, in commit order of each tool (ids grow with seq per tool). */
    public static Uni<List<OutboxEntry>> oldestUnsent(int limit) {
        return find("sentAt is null", Sort.by("id")).page(0, limit).list();
    }

    /** Marks rows of one stream sent, up to the stream entry {@code ms-seq}. */
    public static Uni<Integer> markSent(List<Long> ids, OffsetDateTime at, long ms, long seq) {
        return update("sentAt = ?1, streamMs = ?2, streamSeq = ?3 where id in ?4", at, ms, seq, ids);
    }

    /** Where a stream's newest sent row went, or null when none knows. */
    public static Uni<StreamPosition> lastSent(String streamKey) {
        return find("streamKey = ?1 and sentAt is not null and streamMs is not null",
                Sort.descending("streamMs", "streamSeq"), streamKey).project(StreamPosition.class).firstResult();
    }

    /** A stream entry id, {@code ms-seq}, as stored with a sent row. */
    public record StreamPosition(@ProjectedFieldName("streamMs") long ms, @ProjectedFieldName("streamSeq") long seq) {
    }

    /** Marks a stream's rows sent after entry {@code ms-seq} unsent again; answers how many. */
    public static Uni<Integer> markUnsentAfter(String streamKey, long ms, long seq) {
        return update("sentAt = null where streamKey = ?1 and sentAt is not null"
                + " and (streamMs > ?2 or (streamMs = ?2 and streamSeq > ?3))", streamKey, ms, seq);
    }
}
