package nemo.mqtt.monitor.settings;

import java.time.OffsetDateTime;

import io.vertx.mutiny.sqlclient.Row;

/**
 * One line of the audit trail ({@code monitor.broker_settings_change}): who saved which version
 * when, and which fields changed (names only, never values).
 */
public record SettingsChange(long version, String changedBy, OffsetDateTime changedAt, String changedFields) {

    /** The columns in the order of the record's components. */
    static final String COLUMNS = "version, changed_by, changed_at, changed_fields";

    /** A row selected with {@link #COLUMNS}. */
    static SettingsChange from(Row row) {
        return new SettingsChange(row.getLong(0), row.getString(1), row.getOffsetDateTime(2), row.getString(3));
    }
}
