package nemo.mqtt.monitor.settings;

import java.time.OffsetDateTime;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one row of broker settings in force ({@code monitor.broker_settings}, id 1); every save bumps
 * {@code version}. The password and the client key are kept sealed ({@link SettingsSecrets}), never
 * in clear: {@code clientKeyPem} and {@code password} here are the sealed forms.
 */
record StoredSettings(
        long version,
        String host,
        int port,
        boolean tls,
        String caPem,
        String clientCertPem,
        String clientKeyPem,
        boolean verifyHostname,
        String username,
        String password,
        String clientIdPrefix,
        int keepAliveSeconds,
        Integer qos,
        int inFlightWindow,
        String topicPrefix,
        String updatedBy,
        OffsetDateTime updatedAt) {

    /** The columns in the order of the record's components (and of {@link #values}). */
    static final String COLUMNS = "version, host, port, tls, ca_pem, client_cert_pem, client_key_pem, verify_hostname,"
            + " username, password, client_id_prefix, keep_alive_seconds, qos, in_flight_window, topic_prefix,"
            + " updated_by, updated_at";

    /** A row selected with {@link #COLUMNS}. */
    static StoredSettings from(Row row) {
        return new StoredSettings(
                row.getLong(0),
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
                row.getString(14),
                row.getString(15),
                row.getOffsetDateTime(16));
    }

    /** {@code s} as version {@code version}, saved by {@code by} at {@code at}, its secrets sealed (fails without a key when it has any). */
    static StoredSettings sealing(
            BrokerSettings s, SettingsSecrets secrets, long version, String by, OffsetDateTime at) {
        return new StoredSettings(
                version,
                s.host(),
                s.port(),
                s.tls(),
                s.caPem(),
                s.clientCertPem(),
                secrets.seal(SettingsSecrets.CLIENT_KEY, s.clientKeyPem()),
                s.verifyHostname(),
                s.username(),
                secrets.seal(SettingsSecrets.PASSWORD, s.password()),
                s.clientIdPrefix(),
                s.keepAliveSeconds(),
                s.qos(),
                s.inFlightWindow(),
                s.topicPrefix(),
                by,
                at);
    }

    /** The values of {@link #COLUMNS}, as {@code $1} to {@code $17}. */
    Tuple values() {
        return Tuple.from(new Object[] {
            version,
            host,
            port,
            tls,
            caPem,
            clientCertPem,
            clientKeyPem,
            verifyHostname,
            username,
            password,
            clientIdPrefix,
            keepAliveSeconds,
            qos,
            inFlightWindow,
            topicPrefix,
            updatedBy,
            updatedAt
        });
    }

    /** The settings with their secrets opened. */
    BrokerSettings toSettings(SettingsSecrets secrets) {
        return new BrokerSettings(
                host,
                port,
                tls,
                caPem,
                clientCertPem,
                secrets.open(SettingsSecrets.CLIENT_KEY, clientKeyPem),
                verifyHostname,
                username,
                secrets.open(SettingsSecrets.PASSWORD, password),
                clientIdPrefix,
                keepAliveSeconds,
                qos,
                inFlightWindow,
                topicPrefix);
    }
}
