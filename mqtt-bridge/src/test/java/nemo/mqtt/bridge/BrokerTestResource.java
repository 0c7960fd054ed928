package nemo.mqtt.bridge;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.SharedServices;

/** Points the bridge at a TLS Mosquitto of its own, with the bridge's client certificate. */
public class BrokerTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        DevCerts certs = DevCerts.shared();
        return Map.of(
                "nemo.bridge.broker.port",
                        String.valueOf(SharedServices.mosquitto().port()),
                "nemo.bridge.broker.tls.ca-file", certs.ca().toString(),
                "nemo.bridge.broker.tls.cert-file", certs.cert("bridge").toString(),
                "nemo.bridge.broker.tls.key-file", certs.key("bridge").toString(),
                "nemo.bridge.consumer-name", "test-bridge",
                "nemo.bridge.broker.reconnect.initial", "50ms",
                "nemo.bridge.broker.reconnect.max", "500ms");
    }

    @Override
    public void stop() {
        // the broker is shared for the JVM's lifetime
    }
}
