package nemo.mqtt.bridge.settings;

import java.util.Optional;

import io.vertx.mqtt.MqttClientOptions;

import nemo.mqtt.bridge.BridgeConfig;
import nemo.mqtt.service.mqtt.MqttOptions;
import nemo.mqtt.service.mqtt.PemSource;
import nemo.mqtt.wire.TopicPrefix;

/**
 * How to reach the broker: from configuration at start, then as announced through Redis. TLS
 * material is PEM, given inline (announced) or as files (configuration, e.g. a mounted Secret).
 * {@link #toString()} leaves out the password and the private key.
 */
public record BrokerSettings(
        long version,
        String host,
        int port,
        boolean tls,
        PemSource ca,
        PemSource clientCert,
        PemSource clientKey,
        boolean verifyHostname,
        Optional<String> username,
        Optional<String> password,
        String clientIdPrefix,
        int keepAliveSeconds,
        int inFlightWindow,
        String topicPrefix,
        Optional<Integer> qos) {

    public static BrokerSettings fromConfig(BridgeConfig.Broker broker) {
        BridgeConfig.Tls tls = broker.tls();
        return new BrokerSettings(
                0,
                broker.host(),
                broker.port(),
                tls.enabled(),
                PemSource.file(tls.caFile()),
                PemSource.file(tls.certFile().orElse(null)),
                PemSource.file(tls.keyFile().orElse(null)),
                tls.verifyHostname(),
                broker.username(),
                broker.password(),
                broker.clientIdPrefix(),
                broker.keepAliveSeconds(),
                broker.inFlightWindow(),
                broker.topicPrefix(),
                broker.qos());
    }

    /**
     * Why these settings cannot be used, naming the field as the settings document does; empty if
     * they can. Checked before any connection is tried, so a setting the client library would
     * refuse by throwing becomes a settings error. The message never holds the password or a key.
     * Ranges: ports and MQTT's 16-bit keep-alive and packet ids; the topic prefix rule is the wire
     * module's {@link TopicPrefix}.
     */
    public Optional<String> problem() {
        if (host == null || host.isBlank()) {
            return Optional.of("host is required");
        }
        if (port < 1 || port > 65535) {
            return Optional.of("port must be between 1 and 65535, not " + port);
        }
        if (keepAliveSeconds < 1 || keepAliveSeconds > 65535) {
            return Optional.of("keep_alive_seconds must be between 1 and 65535, not " + keepAliveSeconds);
        }
        if (inFlightWindow < 1 || inFlightWindow > 65535) {
            return Optional.of("in_flight_window must be between 1 and 65535, not " + inFlightWindow);
        }
        if (qos.isPresent() && qos.get() != 0 && qos.get() != 1) {
            return Optional.of("qos must be 0 or 1, not " + qos.get());
        }
        Optional<String> prefix = TopicPrefix.problem(topicPrefix);
        if (prefix.isPresent()) {
            return Optional.of("topic_prefix \"" + topicPrefix + "\" cannot be used: " + prefix.get());
        }
        if (password.isPresent() && username.isEmpty()) {
            return Optional.of("password needs a username (MQTT 3.1.1 §3.1.2.9)");
        }
        if (clientIdPrefix == null) {
            return Optional.of("client_id_prefix is required");
        }
        if (tls && clientCert.isPresent() != clientKey.isPresent()) {
            return Optional.of("client_cert_pem and client_key_pem go together: one is given without the other");
        }
        try {
            toOptions("check", 1000);
        } catch (RuntimeException refused) {
            return Optional.of("the MQTT client refuses these settings: " + refused.getMessage());
        }
        return Optional.empty();
    }

    /**
     * The topic to publish an entry's topic under: its leading {@code entryPrefix} (the emitter's)
     * replaced by these settings' prefix. Topics without that prefix go out as they are.
     */
    public String topicFor(String entryTopic, String entryPrefix) {
        if (topicPrefix.equals(entryPrefix) || entryTopic == null || !entryTopic.startsWith(entryPrefix + "/")) {
            return entryTopic;
        }
        return topicPrefix + entryTopic.substring(entryPrefix.length());
    }

    /** The QoS to publish an entry at. */
    public int qosFor(int entryQos) {
        return qos.orElse(entryQos);
    }

    public String address() {
        return host + ":" + port;
    }

    /**
     * The client options of a connection with these settings for replica {@code consumerName}: its
     * persistent session (client id {@code clientIdPrefix + consumerName}, clean session off).
     * Throws {@link IllegalArgumentException} on values the client refuses (see {@link #problem()}).
     */
    public MqttClientOptions toOptions(String consumerName, int connectTimeoutMillis) {
        MqttOptions options = MqttOptions.client(clientIdPrefix + consumerName)
                .cleanSession(false)
                .keepAliveSeconds(keepAliveSeconds)
                .maxInflight(inFlightWindow)
                .login(username, password)
                .connectTimeoutMillis(connectTimeoutMillis);
        if (tls) {
            options.tls(ca, clientCert, clientKey, verifyHostname);
        }
        return options.build();
    }

    @Override
    public String toString() {
        return "BrokerSettings[version=" + version + ", broker=" + address() + ", tls=" + tls
                + ", verifyHostname=" + verifyHostname + ", clientCert=" + clientCert.isPresent()
                + ", username=" + username.orElse("-") + ", password=" + (password.isPresent() ? "set" : "-")
                + ", clientIdPrefix=" + clientIdPrefix + ", keepAlive=" + keepAliveSeconds
                + "s, inFlightWindow=" + inFlightWindow + ", topicPrefix=" + topicPrefix + ", qos="
                + qos.map(String::valueOf).orElse("as entry") + "]";
    }
}
