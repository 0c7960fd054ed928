package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;

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
    public byte[] partitionKey;

    public byte[] offsetValue;

    public OffsetDateTime updatedAt;
}
