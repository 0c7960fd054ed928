package nemo.mqtt.monitor.settings;

import java.time.OffsetDateTime;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * The one row of broker settings in force (id 1); every save bumps {@code version}. The password
 * and the client key are kept sealed ({@link SettingsSecrets}), never in clear.
 */
@Entity
@Table(name = "broker_settings")
public class StoredSettings extends PanacheEntityBase {

    static final long ID = 1;

    @Id
    public long id = ID;

    public long version;
    public String host;
    public int port;
    public boolean tls;
    public String caPem;
    public String clientCertPem;
    public String clientKeyPem;
    public boolean verifyHostname;
    public String username;
    public String password;
    public String clientIdPrefix;
    public int keepAliveSeconds;
    public Integer qos;
    public int inFlightWindow;
    public String topicPrefix;
    public String updatedBy;
    public OffsetDateTime updatedAt;

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

    /** Takes {@code s}, sealing its secrets (fails without a key when it has any). */
    void assign(BrokerSettings s, SettingsSecrets secrets) {
        host = s.host();
        port = s.port();
        tls = s.tls();
        caPem = s.caPem();
        clientCertPem = s.clientCertPem();
        clientKeyPem = secrets.seal(SettingsSecrets.CLIENT_KEY, s.clientKeyPem());
        verifyHostname = s.verifyHostname();
        username = s.username();
        password = secrets.seal(SettingsSecrets.PASSWORD, s.password());
        clientIdPrefix = s.clientIdPrefix();
        keepAliveSeconds = s.keepAliveSeconds();
        qos = s.qos();
        inFlightWindow = s.inFlightWindow();
        topicPrefix = s.topicPrefix();
    }
}
