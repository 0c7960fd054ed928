package nemo.mqtt.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a Quarkus test at a Sentinel group of its own ({@link RedisSentinelGroup}: master, replica,
 * three sentinels) with the sentinel client, so the test may kill the master. Init args are passed
 * on as further configuration properties (such as a key prefix).
 */
public class RedisSentinelTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile RedisSentinelGroup group;
    private Map<String, String> extra = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        extra = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        group = RedisSentinelGroup.start();
        Map<String, String> config = new HashMap<>(extra);
        config.put("quarkus.redis.hosts", group.hosts());
        config.put("quarkus.redis.client-type", "sentinel");
        config.put("quarkus.redis.master-name", RedisSentinelGroup.MASTER_NAME);
        return config;
    }

    /** The group of the test running now. */
    public static RedisSentinelGroup group() {
        return group;
    }

    @Override
    public void stop() {
        group.close();
    }
}
