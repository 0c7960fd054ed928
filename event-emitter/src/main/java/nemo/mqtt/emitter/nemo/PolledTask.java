package nemo.mqtt.emitter.nemo;

import java.time.OffsetDateTime;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An open NEMO task (problem) the poller reported as created, with the last update it reported. */
@Entity
@Table(name = "nemo_poller_task")
public class PolledTask extends PanacheEntityBase {

    @Id
    public long taskId;

    /** The root tool the task shows on. */
    public long toolId;

    public OffsetDateTime lastUpdated;

    public OffsetDateTime updatedAt;
}
