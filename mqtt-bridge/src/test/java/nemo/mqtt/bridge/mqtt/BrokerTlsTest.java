package nemo.mqtt.bridge.mqtt;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
import nemo.mqtt.testing.ServiceProcess;
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
                OpenSSLEngineOptions.class, options(certs, certs.ca(), true).getSslEngineOptions());
    }

    @Test
    void aBrokerWhoseCertificateNamesTheHostIsReached() throws Exception {
        MqttClient client = MqttClient.create(vertx, options(certs, certs.ca(), true));
        await(client.connect(port, "localhost"));
        assertTrue(client.isConnected());
        await(client.disconnect());
    }

    @Test
    void aCertificateThatDoesNotNameTheHostIsRefusedWhenHostnamesAreVerified() throws Exception {
        // a broker whose certificate names broker.example only, reached as localhost
        DevCerts elsewhere = DevCerts.create("elsewhere", "DNS:broker.example");
        ServiceProcess broker = ServiceProcess.mosquitto(elsewhere.dir());
        try {
            ExecutionException refused = assertThrows(
                    ExecutionException.class,
                    () -> await(MqttClient.create(vertx, options(elsewhere, elsewhere.ca(), true))
                            .connect(broker.port(), "localhost")));
            assertTrue(
                    refused.getCause().toString().contains("SSL"),
                    refused.getCause().toString());

            MqttClient unverified = MqttClient.create(vertx, options(elsewhere, elsewhere.ca(), false));
            await(unverified.connect(broker.port(), "localhost"));
            assertTrue(unverified.isConnected(), "without hostname verification the same broker is reached");
            await(unverified.disconnect());
        } finally {
            broker.stop();
        }
    }

    @Test
    void aBrokerSignedByAnotherCaIsRefused() {
        DevCerts other = DevCerts.create("other");
        ExecutionException refused = assertThrows(
                ExecutionException.class,
                () -> await(MqttClient.create(vertx, options(certs, other.ca(), false))
                        .connect(port, "localhost")));
        assertTrue(
                refused.getCause().toString().contains("SSL"),
                refused.getCause().toString());
    }

    /** The bridge's options with {@code client}'s "bridge" certificate, trusting the CA in {@code ca}. */
    private static MqttClientOptions options(DevCerts client, Path ca, boolean verifyHostname) {
        return MqttOptions.client("tls-test-" + System.nanoTime())
                .connectTimeoutMillis((int) Duration.ofSeconds(5).toMillis())
                .tls(
                        PemSource.file(ca.toString()),
                        PemSource.file(client.cert("bridge").toString()),
                        PemSource.file(client.key("bridge").toString()),
                        verifyHostname)
                .build();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
