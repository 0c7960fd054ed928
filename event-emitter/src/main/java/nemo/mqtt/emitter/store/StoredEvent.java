package nemo.mqtt.emitter.store;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.smallrye.mutiny.Uni;

/** An accepted event as published, the history of a tool. */
@Entity
@Table(name = "tool_event")
public class StoredEvent extends EventRow {

    public String eventType;

    public OffsetDateTime receivedAt;

    /** ToolEventDraft#fingerprint of what was reported; null for rows older than it. */
    public String requestHash;

    public static Uni<StoredEvent> findByEventId(UUID eventId) {
        return find("eventId", eventId).firstResult();
    }
}
