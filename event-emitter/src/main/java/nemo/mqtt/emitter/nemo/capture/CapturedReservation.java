package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A NEMO tool reservation already reported, with the times last reported. */
@Entity
@Table(name = "nemo_capture_reservation")
public class CapturedReservation extends PanacheEntityBase {

    @Id
    public long reservationId;

    /** The tool the events went to (the parent of a child tool). */
    public long toolId;

    public OffsetDateTime startTime;

    public OffsetDateTime endTime;

    public boolean cancelled;

    public OffsetDateTime updatedAt;
}
