package nemo.mqtt.monitor.settings;

import java.time.OffsetDateTime;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one row of broker settings in force ({@code monitor.broker_settings}, id 1); every save bumps
 * {@code version}. {@code sealed} holds the password and the client key sealed ({@link SettingsSecrets}),
 * never in clear.
 */
record StoredSettings(long version, BrokerSettings sealed, String updatedBy, OffsetDateTime updatedAt) {

    /** The columns of {@link #from} and {@link #values}, in order. */
    static final String COLUMNS = "version, host, port, tls, ca_pem, client_cert_pem, client_key_pem, verify_hostname,"
            + " username, password, client_id_prefix, keep_alive_seconds, qos, in_flight_window, topic_prefix,"
            + " updated_by, updated_at";

    /** A row selected with {@link #COLUMNS}. */
    static StoredSettings from(Row row) {
        BrokerSettings sealed = new BrokerSettings(
                row.getString(1),
                row.getInteger(2),
                row.getBoolean(3),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                row.getBoolean(7),
                row.getString(8),
                row.getString(9),
                row.getString(10),
                row.getInteger(11),
                row.getInteger(12),
                row.getInteger(13),
                row.getString(14));
        return new StoredSettings(row.getLong(0), sealed, row.getString(15), row.getOffsetDateTime(16));
    }

    /** {@code s} as version {@code version}, saved by {@code by} at {@code at}, its secrets sealed (fails without a key when it has any). */
    static StoredSettings sealing(
            BrokerSettings s, SettingsSecrets secrets, long version, String by, OffsetDateTime at) {
        BrokerSettings sealed = s.withSecrets(
                secrets.seal(SettingsSecrets.CLIENT_KEY, s.clientKeyPem()),
                secrets.seal(SettingsSecrets.PASSWORD, s.password()));
        return new StoredSettings(version, sealed, by, at);
    }

    /** The values of {@link #COLUMNS}, as {@code $1} to {@code $17}. */
    Tuple values() {
        BrokerSettings s = sealed;
        return Tuple.from(new Object[] {
            version,
            s.host(),
            s.port(),
            s.tls(),
            s.caPem(),
            s.clientCertPem(),
            s.clientKeyPem(),
            s.verifyHostname(),
            s.username(),
            s.password(),
            s.clientIdPrefix(),
            s.keepAliveSeconds(),
            s.qos(),
            s.inFlightWindow(),
            s.topicPrefix(),
            updatedBy,
            updatedAt
        });
    }

    /** The settings with their secrets opened. */
    BrokerSettings toSettings(SettingsSecrets secrets) {
        return sealed.withSecrets(
                secrets.open(SettingsSecrets.CLIENT_KEY, sealed.clientKeyPem()),
                secrets.open(SettingsSecrets.PASSWORD, sealed.password()));
    }
}
