package nemo.mqtt.bridge.mqtt;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nemo.mqtt.service.mqtt.MqttOptions;
import nemo.mqtt.service.mqtt.PemSource;
import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.SharedServices;

/**
 * The bridge's TLS to a real Mosquitto on the engine it ships with (BoringSSL, {@link MqttOptions#tlsEngine}):
 * the broker's certificate must chain to the configured CA and, when asked, name the host connected to.
 */
class BrokerTlsTest {

    private final Vertx vertx = Vertx.vertx();
    private final DevCerts certs = DevCerts.shared();
    private final int port = SharedServices.mosquitto().port();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void theBridgeEncryptsWithBoringSsl() {
        assertTrue(OpenSsl.isAvailable(), "netty-tcnative did not load: " + OpenSsl.unavailabilityCause());
        assertInstanceOf(
                OpenSSLEngineOptions.class, options(certs.ca().toString(), true).getSslEngineOptions());
    }

    @Test
    void aBrokerWhoseCertificateNamesTheHostIsReached() throws Exception {
        MqttClient client = MqttClient.create(vertx, options(certs.ca().toString(), true));
        await(client.connect(port, "localhost"));
        assertTrue(client.isConnected());
        await(client.disconnect());
    }

    @Test
    void aCertificateThatDoesNotNameTheHostIsRefusedWhenHostnamesAreVerified() throws Exception {
        // the broker's certificate names localhost, 127.0.0.1 and ::1 (certs/make-certs.sh), not this
        // machine's own name; Vert.x checks the host connected to (not the SNI server name)
        String machine = InetAddress.getLocalHost().getHostName();
        assumeTrue(
                InetAddress.getByName(machine).getHostAddress().equals("127.0.0.1") && !machine.equals("localhost"),
                "this machine's name does not lead to the broker's 127.0.0.1");
        ExecutionException refused = assertThrows(
                ExecutionException.class,
                () -> await(MqttClient.create(vertx, options(certs.ca().toString(), true))
                        .connect(port, machine)));
        assertTrue(
                refused.getCause().toString().contains("SSL"),
                refused.getCause().toString());

        MqttClient unverified = MqttClient.create(vertx, options(certs.ca().toString(), false));
        await(unverified.connect(port, machine));
        assertTrue(unverified.isConnected(), "without hostname verification the same broker is reached");
        await(unverified.disconnect());
    }

    @Test
    void aBrokerSignedByAnotherCaIsRefused() {
        DevCerts other = DevCerts.create("other");
        ExecutionException refused = assertThrows(
                ExecutionException.class,
                () -> await(MqttClient.create(vertx, options(other.ca().toString(), false))
                        .connect(port, "localhost")));
        assertTrue(
                refused.getCause().toString().contains("SSL"),
                refused.getCause().toString());
    }

    /** The bridge's options with the shared "bridge" client certificate, trusting {@code caFile}. */
    private MqttClientOptions options(String caFile, boolean verifyHostname) {
        return MqttOptions.client("tls-test-" + System.nanoTime())
                .connectTimeoutMillis((int) Duration.ofSeconds(5).toMillis())
                .tls(
                        PemSource.file(caFile),
                        PemSource.file(certs.cert("bridge").toString()),
                        PemSource.file(certs.key("bridge").toString()),
                        verifyHostname)
                .build();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
