package nemo.mqtt.bridge;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.ServiceProcess;

/** Two TLS brokers: the bridge starts on the first; announced settings may move it to the second. */
public class TwoBrokersResource implements QuarkusTestResourceLifecycleManager {

    static volatile ServiceProcess first;
    static volatile ServiceProcess second;

    @Override
    public Map<String, String> start() {
        DevCerts certs = DevCerts.shared();
        first = ServiceProcess.mosquitto(certs.dir());
        second = ServiceProcess.mosquitto(certs.dir());
        Map<String, String> config = TlsBrokerConfig.of(first.port(), "settings-bridge");
        config.putAll(Map.of(
                "nemo.streams.key-prefix", "settings:events",
                "nemo.streams.settings-key", "settings:bridge:settings",
                // reconnect at once: a dropped connection races any trial of new settings
                "nemo.bridge.broker.reconnect.initial", "1ms"));
        return config;
    }

    @Override
    public void stop() {
        first.stop();
        second.stop();
    }
}
