package nemo.mqtt.bridge;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.SharedServices;
import nemo.mqtt.testing.TestMqttClient;

/** Displays as the bridge's tests watch a broker: connected with the dev certificates and subscribed. */
final class Displays {

    private Displays() {}

    /** A display subscribed to {@code filter} on the broker at {@code port}; close it when done. */
    static TestMqttClient on(int port, String filter) {
        return TestMqttClient.display(DevCerts.shared(), port).connect().subscribe(filter);
    }

    /** A display subscribed to {@code filter} on the JVM's shared broker ({@link BrokerTestResource}'s). */
    static TestMqttClient onSharedBroker(String filter) {
        return on(SharedServices.mosquitto().port(), filter);
    }
}
