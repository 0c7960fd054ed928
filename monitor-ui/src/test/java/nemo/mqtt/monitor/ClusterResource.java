package nemo.mqtt.monitor;

import java.util.HashMap;
import java.util.Map;

import nemo.mqtt.testing.RedisCluster;

/** The monitor's neighbourhood ({@link BrokerTestResource}) with a Redis Cluster instead of a single Redis. */
public class ClusterResource extends BrokerTestResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("quarkus.redis.hosts", RedisCluster.shared().hosts());
        config.put("quarkus.redis.client-type", "cluster");
        return config;
    }
}
