package nemo.mqtt.emitter.store;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** An accepted event as published, the history of a tool. */
@Entity
@Table(name = "tool_event")
public class StoredEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    @Column(name = "tool_id", nullable = false)
    public long toolId;

    @Column(nullable = false)
    public long seq;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public String payload;

    @Column(name = "received_at", nullable = false)
    public OffsetDateTime receivedAt;

    /** ToolEventDraft#fingerprint of what was reported; null for rows older than it. */
    @Column(name = "request_hash")
    public String requestHash;

    public static Uni<StoredEvent> findByEventId(UUID eventId) {
        return find("eventId", eventId).firstResult();
    }
}
