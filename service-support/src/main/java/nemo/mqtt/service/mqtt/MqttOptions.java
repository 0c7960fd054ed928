package nemo.mqtt.service.mqtt;

import java.util.Optional;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClientOptions;

/**
 * The one place Vert.x MQTT client options are made: the bridge's broker connection, the monitor's
 * "test connection" and the tests' clients all build theirs here, so TLS (PEM trust, an optional
 * client certificate, hostname verification) is set up the same way everywhere. Each method sets
 * one thing and gives this builder back; {@link #build()} gives the options. The Vert.x setters
 * throw {@link IllegalArgumentException} on values they refuse (a keep-alive of 0, for one), and so
 * do the methods here that call them: callers that take values from people catch that.
 */
public final class MqttOptions {

    private final MqttClientOptions options = new MqttClientOptions();

    private MqttOptions(String clientId) {
        options.setClientId(clientId);
    }

    /** @return a builder for a client identified as {@code clientId}, with the Vert.x defaults otherwise */
    public static MqttOptions client(String clientId) {
        return new MqttOptions(clientId);
    }

    /** {@code false}: a persistent session, the broker queues QoS 1 messages while the client is away. */
    public MqttOptions cleanSession(boolean clean) {
        options.setCleanSession(clean);
        return this;
    }

    /** The keep-alive interval in seconds (MQTT 3.1.1 §3.1.2.10), PINGs sent by the client itself. */
    public MqttOptions keepAliveSeconds(int seconds) {
        options.setKeepAliveInterval(seconds).setAutoKeepAlive(true);
        return this;
    }

    /** The user name and password of the CONNECT, each only if present. */
    public MqttOptions login(Optional<String> username, Optional<String> password) {
        username.ifPresent(options::setUsername);
        password.ifPresent(options::setPassword);
        return this;
    }

    /** How long the TCP (and TLS) connection may take, in milliseconds. */
    public MqttOptions connectTimeoutMillis(int millis) {
        options.setConnectTimeout(millis);
        return this;
    }

    /** How many QoS 1 publishes may await their PUBACK at once. */
    public MqttOptions maxInflight(int publishes) {
        options.setMaxInflightQueue(publishes);
        return this;
    }

    /** The largest message the client accepts, in bytes (the Vert.x default, 8,092, silently drops larger ones). */
    public MqttOptions maxMessageSize(int bytes) {
        options.setMaxMessageSize(bytes);
        return this;
    }

    /**
     * TLS trusting the certificates in {@code ca}, presenting {@code cert} with {@code key} if both
     * are present (neither otherwise), and checking the broker's certificate names its host if
     * {@code verifyHostname} (the HTTPS rule, RFC 2818). The JDK's TLS engine gets pooled heap
     * buffers: by default Netty allocates (and zeroes) a fresh buffer the size of a TLS record for
     * every write it encrypts, which took an eighth of the bridge's CPU when publishing fast.
     */
    public MqttOptions tls(PemSource ca, PemSource cert, PemSource key, boolean verifyHostname) {
        PemTrustOptions trust = new PemTrustOptions();
        ca.value().ifPresent(pem -> trust.addCertValue(Buffer.buffer(pem)));
        ca.file().ifPresent(trust::addCertPath);
        options.setSsl(true)
                .setSslEngineOptions(new JdkSSLEngineOptions().setPooledHeapBuffers(true))
                .setTrustOptions(trust)
                .setHostnameVerificationAlgorithm(verifyHostname ? "HTTPS" : "");
        if (cert.isPresent() && key.isPresent()) {
            PemKeyCertOptions keyCert = new PemKeyCertOptions();
            cert.value().ifPresent(pem -> keyCert.setCertValue(Buffer.buffer(pem)));
            cert.file().ifPresent(keyCert::setCertPath);
            key.value().ifPresent(pem -> keyCert.setKeyValue(Buffer.buffer(pem)));
            key.file().ifPresent(keyCert::setKeyPath);
            options.setKeyCertOptions(keyCert);
        }
        return this;
    }

    /** @return the options set so far (the builder's own instance: build once) */
    public MqttClientOptions build() {
        return options;
    }
}
