package nemo.mqtt.emitter.nemo;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An open NEMO task (problem) the poller reported as created, with the last update it reported. */
@Entity
@Table(name = "nemo_poller_task")
public class PolledTask extends PanacheEntityBase {

    @Id
    @Column(name = "task_id")
    public long taskId;

    /** The root tool the task shows on. */
    @Column(name = "tool_id", nullable = false)
    public long toolId;

    @Column(name = "last_updated")
    public OffsetDateTime lastUpdated;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
