package nemo.mqtt.bridge;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.ServiceProcess;

/** A TLS broker of its own (client certificate required), fast settings polling and heartbeats, a settings key. */
public class SettingsRefusalResource implements QuarkusTestResourceLifecycleManager {

    static volatile ServiceProcess broker;
    static volatile String encryptionKey;

    @Override
    public Map<String, String> start() {
        DevCerts certs = DevCerts.shared();
        broker = ServiceProcess.mosquitto(certs.dir());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        encryptionKey = Base64.getEncoder().encodeToString(key);
        return Map.ofEntries(
                Map.entry("nemo.bridge.broker.port", String.valueOf(broker.port())),
                Map.entry("nemo.bridge.broker.tls.ca-file", certs.ca().toString()),
                Map.entry(
                        "nemo.bridge.broker.tls.cert-file", certs.cert("bridge").toString()),
                Map.entry("nemo.bridge.broker.tls.key-file", certs.key("bridge").toString()),
                Map.entry("nemo.bridge.consumer-name", "refusal-bridge"),
                Map.entry("nemo.streams.key-prefix", "refusal:events"),
                Map.entry("nemo.streams.settings-key", "refusal:bridge:settings"),
                Map.entry("nemo.bridge.settings.poll-interval", "100ms"),
                Map.entry("nemo.bridge.heartbeat.interval", "200ms"),
                Map.entry("nemo.bridge.broker.reconnect.initial", "50ms"),
                Map.entry("nemo.bridge.broker.reconnect.max", "500ms"),
                Map.entry("nemo.settings.encryption-key", encryptionKey));
    }

    @Override
    public void stop() {
        broker.stop();
    }
}
