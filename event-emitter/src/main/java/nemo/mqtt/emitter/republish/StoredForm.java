package nemo.mqtt.emitter.republish;

import java.time.OffsetDateTime;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The one row holding the {@link FormFingerprint} of the last full publish; its lock lets one replica act. */
@Entity
@Table(name = "emitter_form")
public class StoredForm extends PanacheEntityBase {

    static final short ID = 1;

    @Id
    public short id;

    public String fingerprint;

    public OffsetDateTime updatedAt;
}
