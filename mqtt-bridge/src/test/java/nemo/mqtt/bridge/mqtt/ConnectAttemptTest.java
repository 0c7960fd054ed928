package nemo.mqtt.bridge.mqtt;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nemo.mqtt.bridge.settings.BrokerSettings;
import nemo.mqtt.service.mqtt.PemSource;
import nemo.mqtt.testing.FreePorts;

/** A connection attempt completes whatever throws: a throw that left it pending wedged every later settings version. */
class ConnectAttemptTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void optionsTheClientRefusesFailTheAttemptInsteadOfLeavingItPending() {
        ConnectAttempt attempt = new ConnectAttempt(vertx, vertx.getOrCreateContext(), "bridge", 1000);
        RuntimeException failure = assertThrows(
                RuntimeException.class,
                () -> attempt.connect(settings(0, FreePorts.next())).await().atMost(Duration.ofSeconds(5)));
        assertTrue(String.valueOf(failure.getMessage()).contains("keep alive"), failure.toString());
    }

    @Test
    void aBrokerThatNeverAnswersFailsTheAttemptAfterTheTimeout() throws Exception {
        try (java.net.ServerSocket silent =
                new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            ConnectAttempt attempt = new ConnectAttempt(vertx, vertx.getOrCreateContext(), "bridge", 300);
            RuntimeException failure = assertThrows(
                    RuntimeException.class,
                    () -> attempt.connect(settings(30, silent.getLocalPort()))
                            .await()
                            .atMost(Duration.ofSeconds(5)));
            assertTrue(String.valueOf(failure.getMessage()).contains("CONNACK"), failure.toString());
        }
    }

    @Test
    void aBrokerThatClosesBeforeItsConnackFailsTheAttemptAtOnce() throws Exception {
        try (java.net.ServerSocket closing =
                new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread closer = new Thread(() -> {
                try (java.net.Socket accepted = closing.accept()) {
                    accepted.getInputStream().read(); // the CONNECT arrives; close without a CONNACK
                } catch (java.io.IOException ignored) {
                    // closing anyway
                }
            });
            closer.start();
            ConnectAttempt attempt = new ConnectAttempt(vertx, vertx.getOrCreateContext(), "bridge", 10_000);
            RuntimeException failure = assertThrows(
                    RuntimeException.class,
                    () -> attempt.connect(settings(30, closing.getLocalPort()))
                            .await()
                            .atMost(Duration.ofSeconds(5)));
            assertTrue(String.valueOf(failure.getMessage()).toLowerCase().contains("closed"), failure.toString());
            closer.join(5000);
        }
    }

    private static BrokerSettings settings(int keepAlive, int port) {
        return new BrokerSettings(
                1,
                "localhost",
                port,
                false,
                PemSource.NONE,
                PemSource.NONE,
                PemSource.NONE,
                false,
                Optional.empty(),
                Optional.empty(),
                "nemo-",
                keepAlive,
                10,
                "nemo",
                Optional.empty());
    }
}
