package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A NEMO scheduled outage of a tool, and whether its start and end were reported as the clock passed them. */
@Entity
@Table(name = "nemo_capture_outage")
public class CapturedOutage extends PanacheEntityBase {

    @Id
    @Column(name = "outage_id")
    public long outageId;

    /** The tool the events go to (the parent of a child tool). */
    @Column(name = "tool_id", nullable = false)
    public long toolId;

    public String title;

    @Column(name = "start_time", nullable = false)
    public OffsetDateTime startTime;

    @Column(name = "end_time", nullable = false)
    public OffsetDateTime endTime;

    @Column(nullable = false)
    public boolean started;

    @Column(nullable = false)
    public boolean ended;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
