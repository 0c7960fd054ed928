package nemo.mqtt.bridge.mqtt;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nemo.mqtt.bridge.settings.TestBrokerSettings;
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
        assertAttemptFails(1000, FreePorts.next(), 0, "keep alive");
    }

    @Test
    void aBrokerThatNeverAnswersFailsTheAttemptAfterTheTimeout() throws Exception {
        try (MuteBroker silent = MuteBroker.silent()) {
            assertAttemptFails(300, silent.port(), 30, "CONNACK");
        }
    }

    @Test
    void aBrokerThatClosesBeforeItsConnackFailsTheAttemptAtOnce() throws Exception {
        try (MuteBroker closing = MuteBroker.closingAfterConnect()) {
            assertAttemptFails(10_000, closing.port(), 30, "closed");
        }
    }

    /**
     * Connects with this CONNACK timeout and keep-alive to {@code port}, expecting a failure within
     * 5 s whose message contains {@code reason} (ignoring case).
     */
    private void assertAttemptFails(int timeoutMillis, int port, int keepAlive, String reason) {
        ConnectAttempt attempt = new ConnectAttempt(vertx, vertx.getOrCreateContext(), "bridge", timeoutMillis);
        RuntimeException failure = assertThrows(
                RuntimeException.class,
                () -> attempt.connect(
                                TestBrokerSettings.on(port).keepAlive(keepAlive).build())
                        .await()
                        .atMost(Duration.ofSeconds(5)));
        assertTrue(
                String.valueOf(failure.getMessage()).toLowerCase().contains(reason.toLowerCase()), failure.toString());
    }
}
