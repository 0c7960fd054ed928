package nemo.mqtt.bridge;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.ServiceProcess;

/** A TLS Mosquitto of the test's own, which the test may kill and restart on the same port and data. */
public class KillableBrokerResource implements QuarkusTestResourceLifecycleManager {

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
                "nemo.bridge.consumer-name", "restart-bridge",
                "nemo.bridge.streams.key-prefix", "restart:events",
                "nemo.bridge.broker.reconnect.initial", "50ms",
                "nemo.bridge.broker.reconnect.max", "1s");
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.stop();
        }
    }
}
