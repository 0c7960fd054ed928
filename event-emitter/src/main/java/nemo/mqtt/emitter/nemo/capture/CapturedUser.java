package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A NEMO user's display name ("First Last", else the username), kept for the names on events. */
@Entity
@Table(name = "nemo_capture_user")
public class CapturedUser extends PanacheEntityBase {

    @Id
    public long userId;

    public String name;

    public OffsetDateTime updatedAt;
}
