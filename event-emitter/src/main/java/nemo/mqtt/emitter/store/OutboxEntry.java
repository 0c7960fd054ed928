package nemo.mqtt.emitter.store;

import java.time.OffsetDateTime;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A stream entry waiting to be appended to Redis, written in the event's transaction. Mapped for
 * Hibernate's bookkeeping of native writes ({@link EventRows}); the relay reads and marks rows with
 * plain SQL ({@link OutboxRows}).
 */
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
}
