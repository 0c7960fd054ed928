package nemo.mqtt.emitter.nemo;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An upcoming NEMO reservation as the poller last reported it. */
@Entity
@Table(name = "nemo_poller_reservation")
public class PolledReservation extends PanacheEntityBase {

    @Id
    @Column(name = "reservation_id")
    public long reservationId;

    @Column(name = "tool_id", nullable = false)
    public long toolId;

    @Column(name = "start_time", nullable = false)
    public OffsetDateTime startTime;

    @Column(name = "end_time")
    public OffsetDateTime endTime;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
