package nemo.mqtt.monitor.settings;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Broker settings in PostgreSQL (schema {@code monitor}, Flyway's {@code db/monitor}): the row in
 * force, and one audit row per save, in one transaction. Plain SQL on the reactive client: two
 * tables did not need an ORM, whose classes were a third of this service's metaspace and part of
 * its start. Secrets are sealed on their way in and opened on their way out ({@link SettingsSecrets}).
 */
@ApplicationScoped
public class SettingsStore {

    private static final String CURRENT =
            "select " + StoredSettings.COLUMNS + " from monitor.broker_settings where id = 1";
    /** The row lock orders concurrent saves. */
    private static final String CURRENT_LOCKED = CURRENT + " for update";
    /** A second first save, concurrent with this one, fails on the primary key. */
    private static final String INSERT = "insert into monitor.broker_settings (id, " + StoredSettings.COLUMNS
            + ") values (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)";

    private static final String UPDATE = "update monitor.broker_settings set (" + StoredSettings.COLUMNS
            + ") = ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) where id = 1";
    private static final String AUDIT =
            "insert into monitor.broker_settings_change (" + SettingsChange.COLUMNS + ") values ($1, $2, $3, $4)";
    private static final String HISTORY =
            "select " + SettingsChange.COLUMNS + " from monitor.broker_settings_change order by id desc limit $1";

    @Inject
    Pool pool;

    @Inject
    SettingsSecrets secrets;

    /** The settings in force, or empty when none were ever saved. */
    public Uni<Optional<SavedSettings>> current() {
        return pool.preparedQuery(CURRENT).execute().map(rows -> first(rows).map(this::saved));
    }

    /**
     * Stores {@code settings} as the next version if the version in force is still {@code basedOn}
     * (0: none was; null: do not check), else fails with {@link SettingsConflictException}.
     */
    public Uni<SavedSettings> save(BrokerSettings settings, String user, Long basedOn) {
        return pool.withTransaction(connection -> connection
                .preparedQuery(CURRENT_LOCKED)
                .execute()
                .chain(rows -> {
                    Optional<StoredSettings> found = first(rows);
                    if (basedOn != null
                            && found.isPresent()
                            && basedOn != found.get().version()) {
                        return Uni.createFrom().failure(new SettingsConflictException(saved(found.get())));
                    }
                    BrokerSettings before =
                            found.map(row -> row.toSettings(secrets)).orElse(null);
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    long version = found.map(StoredSettings::version).orElse(0L) + 1;
                    StoredSettings row = StoredSettings.sealing(settings, secrets, version, user, now);
                    Tuple audit = Tuple.of(version, user, now, String.join(", ", settings.changedFrom(before)));
                    return connection
                            .preparedQuery(found.isPresent() ? UPDATE : INSERT)
                            .execute(row.values())
                            .chain(() -> connection.preparedQuery(AUDIT).execute(audit))
                            .replaceWith(() -> saved(row));
                }));
    }

    /** The latest {@code limit} changes, newest first. */
    public Uni<List<SettingsChange>> history(int limit) {
        return pool.preparedQuery(HISTORY).execute(Tuple.of(limit)).map(rows -> {
            List<SettingsChange> changes = new ArrayList<>(rows.size());
            rows.forEach(row -> changes.add(SettingsChange.from(row)));
            return changes;
        });
    }

    private static Optional<StoredSettings> first(RowSet<Row> rows) {
        RowIterator<Row> it = rows.iterator();
        return it.hasNext() ? Optional.of(StoredSettings.from(it.next())) : Optional.empty();
    }

    private SavedSettings saved(StoredSettings row) {
        return new SavedSettings(row.toSettings(secrets), row.version(), row.updatedBy(), row.updatedAt());
    }
}
