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

    /** The oldest unsent rows, in commit order of each tool (ids grow with seq per tool). */
    public static Uni<List<OutboxEntry>> oldestUnsent(int limit) {
        return find("sentAt is null", Sort.by("id")).page(0, limit).list();
    }

    public static Uni<Integer> markSent(List<Long> ids, OffsetDateTime at) {
        return update("sentAt = ?1 where id in ?2", at, ids);
    }
}
