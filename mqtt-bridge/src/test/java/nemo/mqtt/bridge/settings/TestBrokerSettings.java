package nemo.mqtt.bridge.settings;

import java.util.Optional;

import nemo.mqtt.service.mqtt.PemSource;

/**
 * Broker settings for a test, named field by field instead of the record's fifteen positional
 * arguments: version 1 on localhost, plain TCP, no credentials, keep-alive 30 s, client ids
 * "nemo-", window 10, topic prefix "nemo", each entry's own QoS, unless told otherwise.
 */
public final class TestBrokerSettings {

    private final int port;
    private long version = 1;
    private boolean tls;
    private PemSource ca = PemSource.NONE;
    private PemSource clientCert = PemSource.NONE;
    private PemSource clientKey = PemSource.NONE;
    private int keepAliveSeconds = 30;

    private TestBrokerSettings(int port) {
        this.port = port;
    }

    /** Settings for a broker on localhost at {@code port}. */
    public static TestBrokerSettings on(int port) {
        return new TestBrokerSettings(port);
    }

    public TestBrokerSettings version(long version) {
        this.version = version;
        return this;
    }

    public TestBrokerSettings keepAlive(int seconds) {
        this.keepAliveSeconds = seconds;
        return this;
    }

    /** TLS with host name verification, this CA and this client certificate and key. */
    public TestBrokerSettings tls(PemSource ca, PemSource clientCert, PemSource clientKey) {
        this.tls = true;
        this.ca = ca;
        this.clientCert = clientCert;
        this.clientKey = clientKey;
        return this;
    }

    /** @return the settings described so far */
    public BrokerSettings build() {
        return new BrokerSettings(
                version,
                "localhost",
                port,
                tls,
                ca,
                clientCert,
                clientKey,
                tls,
                Optional.empty(),
                Optional.empty(),
                "nemo-",
                keepAliveSeconds,
                10,
                "nemo",
                Optional.empty());
    }
}
