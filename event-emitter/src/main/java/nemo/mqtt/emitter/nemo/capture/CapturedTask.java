package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A NEMO task (problem) already reported: open or not, its last update and its text. */
@Entity
@Table(name = "nemo_capture_task")
public class CapturedTask extends PanacheEntityBase {

    @Id
    public long taskId;

    public long toolId;

    public boolean open;

    public boolean forceShutdown;

    public OffsetDateTime lastUpdated;

    /** The problem's text; kept because an UPDATE that did not write a large text delivers a placeholder. */
    public String description;

    public OffsetDateTime updatedAt;
}
