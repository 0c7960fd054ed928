package nemo.mqtt.monitor;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.SharedServices;

/**
 * The monitor's whole neighbourhood, shared by every test class (one application start): a TLS
 * Mosquitto it subscribes to with its client certificate, PostgreSQL for settings, Redis for the
 * bridges' heartbeats and settings announcements.
 */
public class BrokerTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        DevCerts certs = DevCerts.shared();
        String channel = "mp.messaging.incoming.nemo.";
        int postgres = SharedServices.postgres().port();
        Map<String, String> config = new HashMap<>();
        config.put(channel + "port", String.valueOf(SharedServices.mosquitto().port()));
        config.put(channel + "ssl.truststore.location", certs.ca().toString());
        config.put(channel + "ssl.keystore.location", certs.cert("monitor").toString());
        config.put(channel + "ssl.keystore.password", certs.key("monitor").toString());
        config.put("nemo.monitor.buffer-size", "50");
        config.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + postgres + "/nemo");
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + postgres + "/nemo");
        config.put(
                "quarkus.redis.hosts",
                "redis://127.0.0.1:" + SharedServices.redis().port());
        return config;
    }

    @Override
    public void stop() {
        // the services are shared for the JVM's lifetime
    }
}
