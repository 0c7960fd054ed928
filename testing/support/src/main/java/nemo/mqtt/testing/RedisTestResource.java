package nemo.mqtt.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points a Quarkus test at a private Redis (AOF on). */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.redis.hosts",
                "redis://127.0.0.1:" + SharedServices.redis().port());
    }

    @Override
    public void stop() {
        // shared for the JVM's lifetime; stopped at exit
    }
}
