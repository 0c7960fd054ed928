package nemo.mqtt.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a Quarkus test at the shared Redis Cluster (3 masters, 3 replicas) with the cluster client
 * and otherwise default settings: the service must spread its keys over the masters by itself.
 */
public class RedisClusterTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.redis.hosts", RedisCluster.shared().hosts(), "quarkus.redis.client-type", "cluster");
    }

    @Override
    public void stop() {
        // shared for the JVM's lifetime; stopped at exit
    }
}
