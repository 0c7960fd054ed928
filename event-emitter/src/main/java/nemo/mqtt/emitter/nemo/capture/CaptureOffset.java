package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * The replication position: the engine's offset of the last change whose events are committed,
 * written in the same transaction as those events ({@link CaptureOffsetStore} reads it back).
 */
@Entity
@Table(name = "nemo_capture_offset")
public class CaptureOffset extends PanacheEntityBase {

    @Id
    public String name;

    /** The Kafka Connect offset key, serialized as the engine does. */
    @Column(name = "partition_key", nullable = false)
    public byte[] partitionKey;

    @Column(name = "offset_value", nullable = false)
    public byte[] offsetValue;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
