package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A NEMO task (problem) already reported: open or not, its last update and its text. */
@Entity
@Table(name = "nemo_capture_task")
public class CapturedTask extends PanacheEntityBase {

    @Id
    @Column(name = "task_id")
    public long taskId;

    @Column(name = "tool_id", nullable = false)
    public long toolId;

    @Column(nullable = false)
    public boolean open;

    @Column(name = "force_shutdown", nullable = false)
    public boolean forceShutdown;

    @Column(name = "last_updated")
    public OffsetDateTime lastUpdated;

    /** The problem's text; kept because an UPDATE that did not write a large text delivers a placeholder. */
    public String description;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
