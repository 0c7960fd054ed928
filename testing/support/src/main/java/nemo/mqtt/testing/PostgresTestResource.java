package nemo.mqtt.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points a Quarkus test at a private PostgreSQL cluster (reactive client and JDBC for migrations). */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        int port = SharedServices.postgres().port();
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + port + "/nemo",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + port + "/nemo",
                "quarkus.datasource.username", "nemo");
    }

    @Override
    public void stop() {
        // shared for the JVM's lifetime; stopped at exit
    }
}
