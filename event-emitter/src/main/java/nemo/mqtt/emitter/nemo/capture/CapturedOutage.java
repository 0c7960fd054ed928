package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A NEMO scheduled outage of a tool, and whether its start and end were reported as the clock passed them. */
@Entity
@Table(name = "nemo_capture_outage")
public class CapturedOutage extends PanacheEntityBase {

    @Id
    public long outageId;

    /** The tool the events go to (the parent of a child tool). */
    public long toolId;

    public String title;

    public OffsetDateTime startTime;

    public OffsetDateTime endTime;

    public boolean started;

    public boolean ended;

    public OffsetDateTime updatedAt;
}
