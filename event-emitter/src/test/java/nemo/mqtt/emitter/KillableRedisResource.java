package nemo.mqtt.emitter;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import nemo.mqtt.testing.ServiceProcess;

/** A Redis of the test's own, which it may stop and start again (same port, same AOF data). */
public class KillableRedisResource implements QuarkusTestResourceLifecycleManager {

    static volatile ServiceProcess redis;

    @Override
    public Map<String, String> start() {
        redis = ServiceProcess.redis();
        return Map.of(
                "quarkus.redis.hosts", "redis://127.0.0.1:" + redis.port(), "nemo.streams.key-prefix", "outage:events");
    }

    @Override
    public void stop() {
        redis.stop();
    }
}
