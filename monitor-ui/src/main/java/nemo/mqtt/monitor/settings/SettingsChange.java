package nemo.mqtt.monitor.settings;

import java.time.OffsetDateTime;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The audit trail: who saved which version when, and which fields changed (names only, never values). */
@Entity
@Table(name = "broker_settings_change")
public class SettingsChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public long version;

    public String changedBy;

    public OffsetDateTime changedAt;

    public String changedFields;
}
