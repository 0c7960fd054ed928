package nemo.mqtt.bridge;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.ServiceProcess;

/** A TLS broker of the test's own, which the test may restart, or replace by a fresh one on the same port. */
public class HealingBrokerResource implements QuarkusTestResourceLifecycleManager {

    static volatile ServiceProcess broker;

    @Override
    public Map<String, String> start() {
        DevCerts certs = DevCerts.shared();
        broker = ServiceProcess.mosquitto(certs.dir());
        return Map.of(
                "nemo.bridge.broker.port", String.valueOf(broker.port()),
                "nemo.bridge.broker.tls.ca-file", certs.ca().toString(),
                "nemo.bridge.broker.tls.cert-file", certs.cert("bridge").toString(),
                "nemo.bridge.broker.tls.key-file", certs.key("bridge").toString(),
                "nemo.bridge.consumer-name", "healing-bridge",
                "nemo.bridge.streams.key-prefix", "healing:events",
                "nemo.bridge.broker.reconnect.initial", "50ms",
                "nemo.bridge.broker.reconnect.max", "500ms");
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.stop();
        }
    }
}
