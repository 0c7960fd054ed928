package nemo.mqtt.bridge.settings;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The broker settings document monitor-ui announces in Redis (JSON, snake_case). Absent fields keep
 * the value from this replica's configuration.
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

    /** These settings over {@code base}. */
    public BrokerSettings over(BrokerSettings base) {
        return new BrokerSettings(version,
                host != null ? host : base.host(),
                port != null ? port : base.port(),
                tls != null ? tls : base.tls(),
                caPem != null ? new BrokerSettings.Pem(Optional.of(caPem), Optional.empty()) : base.ca(),
                clientCertPem != null ? new BrokerSettings.Pem(Optional.of(clientCertPem), Optional.empty()) : base.clientCert(),
                clientKeyPem != null ? new BrokerSettings.Pem(Optional.of(clientKeyPem), Optional.empty()) : base.clientKey(),
                verifyHostname != null ? verifyHostname : base.verifyHostname(),
                username != null ? Optional.of(username).filter(u -> !u.isBlank()) : base.username(),
                password != null ? Optional.of(password).filter(p -> !p.isEmpty()) : base.password(),
                clientIdPrefix != null ? clientIdPrefix : base.clientIdPrefix(),
                keepAliveSeconds != null ? keepAliveSeconds : base.keepAliveSeconds(),
                inFlightWindow != null ? inFlightWindow : base.inFlightWindow(),
                topicPrefix != null && !topicPrefix.isBlank() ? topicPrefix : base.topicPrefix(),
                qos != null && (qos == 0 || qos == 1) ? Optional.of(qos) : base.qos());
    }
}
