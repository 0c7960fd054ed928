package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A NEMO tool reservation already reported, with the times last reported. */
@Entity
@Table(name = "nemo_capture_reservation")
public class CapturedReservation extends PanacheEntityBase {

    @Id
    @Column(name = "reservation_id")
    public long reservationId;

    /** The tool the events went to (the parent of a child tool). */
    @Column(name = "tool_id", nullable = false)
    public long toolId;

    @Column(name = "start_time", nullable = false)
    public OffsetDateTime startTime;

    @Column(name = "end_time", nullable = false)
    public OffsetDateTime endTime;

    @Column(nullable = false)
    public boolean cancelled;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
