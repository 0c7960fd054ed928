package nemo.mqtt.bridge;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.ServiceProcess;

/**
 * A TLS Mosquitto of the test's own, which the test may stop, kill and restart on the same port and
 * data, or replace by a fresh one on the same port. Init args (all optional): {@code consumer-name},
 * {@code key-prefix}, {@code reconnect-max}, so each test class gets its own streams.
 */
public class KillableBrokerResource implements QuarkusTestResourceLifecycleManager {

    /** The running broker; a test that replaces it stores the new one here, for {@link #stop()}. */
    static volatile ServiceProcess broker;

    private Map<String, String> args = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        args = initArgs;
    }

    @Override
    public Map<String, String> start() {
        broker = ServiceProcess.mosquitto(DevCerts.shared().dir());
        Map<String, String> config =
                TlsBrokerConfig.of(broker.port(), args.getOrDefault("consumer-name", "restart-bridge"));
        config.putAll(Map.of(
                "nemo.streams.key-prefix", args.getOrDefault("key-prefix", "restart:events"),
                "nemo.bridge.broker.reconnect.initial", "50ms",
                "nemo.bridge.broker.reconnect.max", args.getOrDefault("reconnect-max", "1s")));
        return config;
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.stop();
        }
    }
}
