package nemo.mqtt.emitter.nemo;

import java.time.OffsetDateTime;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A NEMO scheduled outage the poller reported as started and not yet as ended. */
@Entity
@Table(name = "nemo_poller_outage")
public class PolledOutage extends PanacheEntityBase {

    @Id
    public long outageId;

    /** The root tool the outage shows on. */
    public long toolId;

    public OffsetDateTime updatedAt;
}
