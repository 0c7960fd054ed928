package nemo.mqtt.emitter.store;

import java.util.UUID;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A row written for one accepted event, in its transaction: the row's own generated id, the event's
 * id, tool and per-tool seq, and the payload written for it.
 */
@MappedSuperclass
public abstract class EventRow extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public UUID eventId;

    public long toolId;

    public long seq;

    public String payload;
}
