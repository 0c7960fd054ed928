package nemo.mqtt.bridge;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.ServiceProcess;

/** A TLS broker of its own (client certificate required), settings polling and heartbeats every second (the scheduler's shortest), a settings key. */
public class SettingsRefusalResource implements QuarkusTestResourceLifecycleManager {

    static volatile ServiceProcess broker;
    static volatile String encryptionKey;

    @Override
    public Map<String, String> start() {
        broker = ServiceProcess.mosquitto(DevCerts.shared().dir());
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        encryptionKey = Base64.getEncoder().encodeToString(key);
        Map<String, String> config = TlsBrokerConfig.of(broker.port(), "refusal-bridge");
        config.putAll(Map.of(
                "nemo.streams.key-prefix", "refusal:events",
                "nemo.streams.settings-key", "refusal:bridge:settings",
                "nemo.bridge.settings.poll-interval", "1s",
                "nemo.bridge.heartbeat.interval", "1s",
                "nemo.bridge.broker.reconnect.initial", "50ms",
                "nemo.bridge.broker.reconnect.max", "500ms",
                "nemo.settings.encryption-key", encryptionKey));
        return config;
    }

    @Override
    public void stop() {
        broker.stop();
    }
}
