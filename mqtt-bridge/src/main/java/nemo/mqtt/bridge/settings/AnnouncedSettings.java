package nemo.mqtt.bridge.settings;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import nemo.mqtt.service.mqtt.PemSource;

/**
 * The broker settings document monitor-ui announces in Redis (JSON, snake_case). Absent fields keep
 * the value from this replica's configuration; an empty string for a PEM, the user name or the
 * password means none. The password and the client key travel sealed ({@code SealedSecret}) and
 * are opened by {@link SettingsReader} before {@link #over}; {@link #toString()} leaves them out.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnnouncedSettings(
        @JsonProperty("version") long version,
        @JsonProperty("host") String host,
        @JsonProperty("port") Integer port,
        @JsonProperty("tls") Boolean tls,
        @JsonProperty("ca_pem") String caPem,
        @JsonProperty("client_cert_pem") String clientCertPem,
        @JsonProperty("client_key_pem") String clientKeyPem,
        @JsonProperty("verify_hostname") Boolean verifyHostname,
        @JsonProperty("username") String username,
        @JsonProperty("password") String password,
        @JsonProperty("client_id_prefix") String clientIdPrefix,
        @JsonProperty("keep_alive_seconds") Integer keepAliveSeconds,
        @JsonProperty("in_flight_window") Integer inFlightWindow,
        @JsonProperty("topic_prefix") String topicPrefix,
        @JsonProperty("qos") Integer qos) {

    /** These settings with the password and client key replaced by their opened values. */
    public AnnouncedSettings withSecrets(String openedPassword, String openedClientKeyPem) {
        return new AnnouncedSettings(
                version,
                host,
                port,
                tls,
                caPem,
                clientCertPem,
                openedClientKeyPem,
                verifyHostname,
                username,
                openedPassword,
                clientIdPrefix,
                keepAliveSeconds,
                inFlightWindow,
                topicPrefix,
                qos);
    }

    /** These settings over {@code base}, unchecked: see {@link BrokerSettings#problem()}. */
    public BrokerSettings over(BrokerSettings base) {
        return new BrokerSettings(
                version,
                host != null ? host : base.host(),
                port != null ? port : base.port(),
                tls != null ? tls : base.tls(),
                pem(caPem, base.ca()),
                pem(clientCertPem, base.clientCert()),
                pem(clientKeyPem, base.clientKey()),
                verifyHostname != null ? verifyHostname : base.verifyHostname(),
                username != null ? Optional.of(username).filter(u -> !u.isBlank()) : base.username(),
                password != null ? Optional.of(password).filter(p -> !p.isEmpty()) : base.password(),
                clientIdPrefix != null ? clientIdPrefix : base.clientIdPrefix(),
                keepAliveSeconds != null ? keepAliveSeconds : base.keepAliveSeconds(),
                inFlightWindow != null ? inFlightWindow : base.inFlightWindow(),
                topicPrefix != null ? topicPrefix : base.topicPrefix(),
                qos != null ? Optional.of(qos) : base.qos());
    }

    private static PemSource pem(String announced, PemSource base) {
        if (announced == null) {
            return base;
        }
        return announced.isEmpty() ? PemSource.NONE : PemSource.inline(announced);
    }

    @Override
    public String toString() {
        return "AnnouncedSettings[version=" + version + ", host=" + host + ", port=" + port + ", password="
                + (password == null ? "absent" : "given") + ", client_key_pem="
                + (clientKeyPem == null ? "absent" : "given")
                + ", topic_prefix=" + topicPrefix + "]";
    }
}
