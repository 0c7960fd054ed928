package nemo.mqtt.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.mqtt.MqttClientOptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.LocalStack;
import nemo.mqtt.testing.TestMqttClient;

/** The local stack's broker lets in only clients with a certificate of its CA, and only when they trust it. */
@Order(2)
@OnSharedStack
class StackBrokerAccessTest {

    @Test
    void theBrokerRefusesClientsWithoutACertificateOrFromAnotherCa(LocalStack stack) {
        DevCerts other = DevCerts.create("Another");
        // no client certificate at all
        assertRefused(stack.mqttPort, TestMqttClient.tlsOptions(stack.certs.ca(), stack.certs, null));
        // a client certificate signed by a CA the broker does not trust
        assertRefused(stack.mqttPort, TestMqttClient.tlsOptions(stack.certs.ca(), other, "display"));
        // a client that trusts another CA: the broker's certificate fails its verification
        assertRefused(stack.mqttPort, TestMqttClient.tlsOptions(other.ca(), stack.certs, "display"));
        // and the same client with the stack's CA and certificate gets in
        try (TestMqttClient good =
                TestMqttClient.display(stack.certs, stack.mqttPort).connect()) {
            assertTrue(good.isConnected());
        }
    }

    private static void assertRefused(int port, MqttClientOptions options) {
        try (TestMqttClient client = TestMqttClient.create(options, port)) {
            assertThrows(IllegalStateException.class, client::connect);
            assertFalse(client.isConnected());
        }
    }
}
