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
        return Map.of(
                "nemo.bridge.broker.port",
                String.valueOf(first.port()),
                "nemo.bridge.broker.tls.ca-file",
                certs.ca().toString(),
                "nemo.bridge.broker.tls.cert-file",
                certs.cert("bridge").toString(),
                "nemo.bridge.broker.tls.key-file",
                certs.key("bridge").toString(),
                "nemo.bridge.consumer-name",
                "settings-bridge",
                "nemo.streams.key-prefix",
                "settings:events",
                "nemo.streams.settings-key",
                "settings:bridge:settings",
                // reconnect at once: a dropped connection races any trial of new settings
                "nemo.bridge.broker.reconnect.initial",
                "1ms");
    }

    @Override
    public void stop() {
        first.stop();
        second.stop();
    }
}
