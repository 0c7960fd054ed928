package nemo.mqtt.bridge.settings;

import java.util.Optional;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClientOptions;
import nemo.mqtt.bridge.BridgeConfig;

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
        Pem ca,
        Pem clientCert,
        Pem clientKey,
        boolean verifyHostname,
        Optional<String> username,
        Optional<String> password,
        String clientIdPrefix,
        int keepAliveSeconds,
        int inFlightWindow,
        String topicPrefix,
        Optional<Integer> qos) {

    /** PEM material, inline or in a file; empty when neither. */
    public record Pem(Optional<String> value, Optional<String> file) {
        public static final Pem NONE = new Pem(Optional.empty(), Optional.empty());

        public boolean isPresent() {
            return value.isPresent() || file.isPresent();
        }
    }

    public static BrokerSettings fromConfig(BridgeConfig.Broker broker) {
        BridgeConfig.Tls tls = broker.tls();
        return new BrokerSettings(0, broker.host(), broker.port(), tls.enabled(),
                new Pem(Optional.empty(), Optional.of(tls.caFile())),
                new Pem(Optional.empty(), tls.certFile()),
                new Pem(Optional.empty(), tls.keyFile()),
                tls.verifyHostname(), broker.username(), broker.password(), broker.clientIdPrefix(),
                broker.keepAliveSeconds(), broker.inFlightWindow(), broker.topicPrefix(), broker.qos());
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

    public MqttClientOptions toOptions(String consumerName, int connectTimeoutMillis) {
        MqttClientOptions options = new MqttClientOptions()
                .setClientId(clientIdPrefix + consumerName)
                .setCleanSession(false)
                .setKeepAliveInterval(keepAliveSeconds)
                .setMaxInflightQueue(inFlightWindow);
        username.ifPresent(options::setUsername);
        password.ifPresent(options::setPassword);
        options.setConnectTimeout(connectTimeoutMillis);
        if (tls) {
            PemTrustOptions trust = new PemTrustOptions();
            ca.value().ifPresent(pem -> trust.addCertValue(Buffer.buffer(pem)));
            ca.file().ifPresent(trust::addCertPath);
            options.setSsl(true).setTrustOptions(trust).setHostnameVerificationAlgorithm(verifyHostname ? "HTTPS" : "");
            if (clientCert.isPresent() && clientKey.isPresent()) {
                PemKeyCertOptions keyCert = new PemKeyCertOptions();
                clientCert.value().ifPresent(pem -> keyCert.setCertValue(Buffer.buffer(pem)));
                clientCert.file().ifPresent(keyCert::setCertPath);
                clientKey.value().ifPresent(pem -> keyCert.setKeyValue(Buffer.buffer(pem)));
                clientKey.file().ifPresent(keyCert::setKeyPath);
                options.setKeyCertOptions(keyCert);
            }
        }
        return options;
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
