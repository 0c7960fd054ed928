package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A NEMO usage already reported (its tool, as NEMO stored it, and whether its end was reported). */
@Entity
@Table(name = "nemo_capture_usage")
public class CapturedUsage extends PanacheEntityBase {

    @Id
    public long usageId;

    /** NEMO's tool_id: a child tool's id when the usage is a child's. */
    public long toolId;

    public boolean ended;

    public OffsetDateTime updatedAt;
}
