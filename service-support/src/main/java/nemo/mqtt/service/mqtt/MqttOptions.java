package nemo.mqtt.service.mqtt;

import java.util.List;
import java.util.Optional;

import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.mqtt.MqttClientOptions;
import org.jboss.logging.Logger;

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
     * {@code verifyHostname} (the HTTPS rule, RFC 2818, checked against the host connected to), with
     * the {@link #encryption} every client of ours uses.
     */
    public MqttOptions tls(PemSource ca, PemSource cert, PemSource key, boolean verifyHostname) {
        encryption(options)
                .setSsl(true)
                .setTrustOptions(trust(ca))
                .setHostnameVerificationAlgorithm(verifyHostname ? "HTTPS" : "");
        clientCertificate(cert, key).ifPresent(options::setKeyCertOptions);
        return this;
    }

    /** @return trust in the certificates of {@code ca} (inline PEM or a PEM file; none trusted when absent) */
    public static PemTrustOptions trust(PemSource ca) {
        PemTrustOptions trust = new PemTrustOptions();
        ca.value().ifPresent(pem -> trust.addCertValue(Buffer.buffer(pem)));
        ca.file().ifPresent(trust::addCertPath);
        return trust;
    }

    /** @return the client certificate {@code cert} with its {@code key}, if both are present; empty otherwise */
    public static Optional<PemKeyCertOptions> clientCertificate(PemSource cert, PemSource key) {
        if (!cert.isPresent() || !key.isPresent()) {
            return Optional.empty();
        }
        PemKeyCertOptions keyCert = new PemKeyCertOptions();
        cert.value().ifPresent(pem -> keyCert.setCertValue(Buffer.buffer(pem)));
        cert.file().ifPresent(keyCert::setCertPath);
        key.value().ifPresent(pem -> keyCert.setKeyValue(Buffer.buffer(pem)));
        key.file().ifPresent(keyCert::setKeyPath);
        return Optional.of(keyCert);
    }

    /**
     * The cipher suites offered (IANA names, which both engines take): TLS 1.3's three, and for TLS
     * 1.2 brokers only ECDHE key exchange (forward secrecy) with AES-GCM or ChaCha20-Poly1305, as
     * Mozilla's "intermediate" configuration has them. Vert.x offers OpenSSL's whole list otherwise,
     * RSA key exchange and CBC suites among it; the JDK's defaults differ again.
     */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    /**
     * Sets on {@code options} how records are encrypted: the {@link #tlsEngine()} and the
     * {@link #CIPHER_SUITES} (TLS 1.2 and 1.3, Vert.x's default versions).
     *
     * @return {@code options}, for chaining
     */
    public static <T extends MqttClientOptions> T encryption(T options) {
        options.setSslEngineOptions(tlsEngine());
        CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
        return options;
    }

    /**
     * The TLS engine: BoringSSL through Netty's tcnative when its native library loads on this
     * machine (the services ship it for Linux and macOS on x86-64 and ARM, and Windows on x86-64),
     * else the JDK's own. The JDK's AES-GCM runs as plain Java under the C1-only JIT run.sh uses (the
     * AES and GHASH intrinsics are C2's): at 2,000 events/s a fifth of the bridge's CPU went into it.
     * {@code -Dio.netty.handler.ssl.noOpenSsl=true} (Netty's switch) keeps the JDK's engine. That one
     * gets pooled heap buffers: by default Netty allocates (and zeroes) a fresh buffer the size of a
     * TLS record for every write it encrypts, which took an eighth of the bridge's CPU.
     *
     * @return the engine's options, for {@link MqttClientOptions#setSslEngineOptions}
     */
    public static SSLEngineOptions tlsEngine() {
        return EngineChoice.OPENSSL ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions().setPooledHeapBuffers(true);
    }

    /** Which engine this JVM uses, decided and logged once. */
    private static final class EngineChoice {
        static final boolean OPENSSL = OpenSSLEngineOptions.isAvailable();

        static {
            Logger log = Logger.getLogger(MqttOptions.class);
            if (OPENSSL) {
                log.infof("MQTT TLS on %s (netty-tcnative)", OpenSsl.versionString());
            } else {
                log.infof("MQTT TLS on the JDK's engine: %s", OpenSsl.unavailabilityCause());
            }
        }
    }

    /** @return the options set so far (the builder's own instance: build once) */
    public MqttClientOptions build() {
        return options;
    }
}
