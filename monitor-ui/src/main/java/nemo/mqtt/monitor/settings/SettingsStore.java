package nemo.mqtt.monitor.settings;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Broker settings in PostgreSQL: the row in force, and one audit row per save, in one transaction.
 * Secrets are sealed on their way in and opened on their way out ({@link SettingsSecrets}).
 */
@ApplicationScoped
public class SettingsStore {

    @Inject
    SettingsSecrets secrets;

    public Uni<Optional<SavedSettings>> current() {
        return Panache.withSession(() -> StoredSettings.<StoredSettings>findById(StoredSettings.ID))
                .map(row -> Optional.ofNullable(row).map(this::saved));
    }

    /**
     * Stores {@code settings} as the next version if the version in force is still {@code basedOn}
     * (0: none was; null: do not check), else fails with {@link SettingsConflictException}.
     * The row lock orders concurrent saves.
     */
    public Uni<SavedSettings> save(BrokerSettings settings, String user, Long basedOn) {
        return Panache.withTransaction(() -> StoredSettings.<StoredSettings>findById(
                        StoredSettings.ID, LockModeType.PESSIMISTIC_WRITE)
                .chain(found -> {
                    if (basedOn != null && found != null && basedOn != found.version) {
                        return Uni.createFrom().failure(new SettingsConflictException(saved(found)));
                    }
                    StoredSettings row = found != null ? found : new StoredSettings();
                    BrokerSettings before = found != null ? found.toSettings(secrets) : null;
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    row.assign(settings, secrets);
                    row.version = row.version + 1;
                    row.updatedBy = user;
                    row.updatedAt = now;
                    SettingsChange change = new SettingsChange();
                    change.version = row.version;
                    change.changedBy = user;
                    change.changedAt = now;
                    change.changedFields = String.join(", ", settings.changedFrom(before));
                    return row.<StoredSettings>persist().chain(change::persist).replaceWith(() -> saved(row));
                }));
    }

    /** The latest changes, newest first. */
    public Uni<List<SettingsChange>> history(int limit) {
        return Panache.withSession(() -> SettingsChange.<SettingsChange>find("order by id desc")
                .page(0, limit)
                .list());
    }

    private SavedSettings saved(StoredSettings row) {
        return new SavedSettings(row.toSettings(secrets), row.version, row.updatedBy, row.updatedAt);
    }
}
