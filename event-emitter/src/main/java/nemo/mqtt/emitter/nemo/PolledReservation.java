package nemo.mqtt.emitter.nemo;

import java.time.OffsetDateTime;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An upcoming NEMO reservation as the poller last reported it. */
@Entity
@Table(name = "nemo_poller_reservation")
public class PolledReservation extends PanacheEntityBase {

    @Id
    public long reservationId;

    public long toolId;

    public OffsetDateTime startTime;

    public OffsetDateTime endTime;

    public OffsetDateTime updatedAt;
}
