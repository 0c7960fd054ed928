package nemo.mqtt.monitor;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.SharedServices;

/** Subscribes the monitor to a TLS Mosquitto of its own, with the monitor's client certificate. */
public class BrokerTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        DevCerts certs = DevCerts.shared();
        String channel = "mp.messaging.incoming.nemo.";
        return Map.of(
                channel + "port", String.valueOf(SharedServices.mosquitto().port()),
                channel + "ssl.truststore.location", certs.ca().toString(),
                channel + "ssl.keystore.location", certs.cert("monitor").toString(),
                channel + "ssl.keystore.password", certs.key("monitor").toString(),
                "nemo.monitor.buffer-size", "50");
    }

    @Override
    public void stop() {
        // the broker is shared for the JVM's lifetime
    }
}
