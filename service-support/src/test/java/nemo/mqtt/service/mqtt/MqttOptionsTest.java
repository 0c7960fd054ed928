package nemo.mqtt.service.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClientOptions;
import org.junit.jupiter.api.Test;

/** The one MQTT client options builder: what each setting becomes, TLS from inline or file PEM. */
class MqttOptionsTest {

    private static final String CA = "-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n";

    @Test
    void sessionKeepAliveLoginAndLimitsAreSet() {
        MqttClientOptions options = MqttOptions.client("nemo-bridge-1")
                .cleanSession(false)
                .keepAliveSeconds(45)
                .login(Optional.of("bridge"), Optional.of("secret"))
                .connectTimeoutMillis(1500)
                .maxInflight(64)
                .maxMessageSize(4096)
                .build();
        assertEquals("nemo-bridge-1", options.getClientId());
        assertFalse(options.isCleanSession());
        assertEquals(45, options.getKeepAliveInterval());
        assertTrue(options.isAutoKeepAlive());
        assertEquals("bridge", options.getUsername());
        assertEquals("secret", options.getPassword());
        assertEquals(1500, options.getConnectTimeout());
        assertEquals(64, options.getMaxInflightQueue());
        assertEquals(4096, options.getMaxMessageSize());
        assertFalse(options.isSsl());
    }

    @Test
    void absentLoginLeavesTheConnectWithoutOne() {
        MqttClientOptions options = MqttOptions.client("c")
                .login(Optional.empty(), Optional.empty())
                .build();
        assertNull(options.getUsername());
        assertNull(options.getPassword());
    }

    @Test
    void tlsTrustsTheInlineOrFileCaAndVerifiesTheHostnameWhenAsked() {
        MqttClientOptions inline = MqttOptions.client("c")
                .tls(PemSource.inline(CA), PemSource.NONE, PemSource.NONE, true)
                .build();
        assertTrue(inline.isSsl());
        assertEquals("HTTPS", inline.getHostnameVerificationAlgorithm());
        assertEquals(
                1, ((PemTrustOptions) inline.getTrustOptions()).getCertValues().size());
        assertNull(inline.getKeyCertOptions(), "no client certificate without one");

        MqttClientOptions file = MqttOptions.client("c")
                .tls(PemSource.file("/etc/nemo/ca.pem"), PemSource.NONE, PemSource.NONE, false)
                .build();
        assertEquals("", file.getHostnameVerificationAlgorithm());
        assertEquals(List.of("/etc/nemo/ca.pem"), ((PemTrustOptions) file.getTrustOptions()).getCertPaths());
    }

    @Test
    void tlsOffersOnlyForwardSecretAeadSuites() {
        MqttClientOptions options = MqttOptions.client("c")
                .tls(PemSource.inline(CA), PemSource.NONE, PemSource.NONE, true)
                .build();
        assertEquals(Set.copyOf(MqttOptions.CIPHER_SUITES), options.getEnabledCipherSuites());
        assertTrue(MqttOptions.CIPHER_SUITES.stream()
                .allMatch(suite -> (suite.startsWith("TLS_AES_")
                                || suite.startsWith("TLS_CHACHA20_")
                                || suite.startsWith("TLS_ECDHE_"))
                        && (suite.contains("_GCM_") || suite.contains("CHACHA20_POLY1305"))));
    }

    @Test
    void withoutTcnativeTheJdkEngineEncryptsIntoPooledBuffers() {
        // this module's tests run without netty-tcnative (the services ship it: BrokerTlsTest); without
        // pooled buffers Netty allocates and zeroes a record-sized buffer per encrypted write
        MqttClientOptions options = MqttOptions.client("c")
                .tls(PemSource.inline(CA), PemSource.NONE, PemSource.NONE, true)
                .build();
        assertTrue(((JdkSSLEngineOptions) options.getSslEngineOptions()).isPooledHeapBuffers());
    }

    @Test
    void aClientCertificateIsPresentedOnlyWithItsKey() {
        MqttClientOptions both = MqttOptions.client("c")
                .tls(PemSource.inline(CA), PemSource.file("/c/cert.pem"), PemSource.inline("key"), true)
                .build();
        PemKeyCertOptions keyCert = (PemKeyCertOptions) both.getKeyCertOptions();
        assertEquals(List.of("/c/cert.pem"), keyCert.getCertPaths());
        assertEquals(1, keyCert.getKeyValues().size());

        MqttClientOptions certOnly = MqttOptions.client("c")
                .tls(PemSource.inline(CA), PemSource.file("/c/cert.pem"), PemSource.NONE, true)
                .build();
        assertNull(certOnly.getKeyCertOptions());
    }

    @Test
    void aKeepAliveTheClientRefusesThrows() {
        assertThrows(
                IllegalArgumentException.class, () -> MqttOptions.client("c").keepAliveSeconds(0));
    }

    @Test
    void inlinePemNeverShowsInToString() {
        assertEquals(
                "Pem[inline]",
                PemSource.inline("-----BEGIN PRIVATE KEY-----secret").toString());
        assertEquals("Pem[/k.pem]", PemSource.file("/k.pem").toString());
        assertEquals("Pem[none]", PemSource.inline(null).toString());
        assertFalse(PemSource.file(null).isPresent());
    }
}
