package nemo.mqtt.bridge;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import nemo.mqtt.testing.SharedServices;

/** Points the bridge at a TLS Mosquitto of its own, with the bridge's client certificate. */
public class BrokerTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config =
                TlsBrokerConfig.of(SharedServices.mosquitto().port(), "test-bridge");
        config.putAll(
                Map.of("nemo.bridge.broker.reconnect.initial", "50ms", "nemo.bridge.broker.reconnect.max", "500ms"));
        return config;
    }

    @Override
    public void stop() {
        // the broker is shared for the JVM's lifetime
    }
}
