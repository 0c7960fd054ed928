package nemo.mqtt.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the services of one test or benchmark stack find Redis, PostgreSQL and the broker, written out
 * as the environment variables the packaged services read (the names deploy/local/run.sh and the
 * Kubernetes ConfigMap set). Production has no local defaults for any of them (issue 15), so every
 * {@link JavaService} gets all of them from here. {@code postgresPort} and {@code brokerPort} are 0
 * for a stack without that part; {@code postgresPassword} is null when PostgreSQL takes none.
 */
public record StackAddresses(String redisUri, int postgresPort, String postgresPassword, int brokerPort, DevCerts certs) {

    /** The stack of these processes; {@code postgres} and {@code broker} may be null. */
    public static StackAddresses of(ServiceProcess redis, ServiceProcess postgres, ServiceProcess broker, DevCerts certs) {
        return new StackAddresses("redis://127.0.0.1:" + redis.port(), postgres == null ? 0 : postgres.port(), null,
                broker == null ? 0 : broker.port(), certs);
    }

    /** The event-emitter's: Redis, PostgreSQL, and one API token named {@code tokenName} (NEMO_EMITTER_API_TOKENS_*). */
    public Map<String, String> emitter(String tokenName, String token) {
        Map<String, String> env = redisAndDatabase();
        env.put("NEMO_EMITTER_API_TOKENS_" + tokenName.toUpperCase(java.util.Locale.ROOT), token);
        return env;
    }

    /** An mqtt-bridge replica's: Redis, its consumer name, and the broker over TLS with the "bridge" certificate. */
    public Map<String, String> bridge(String consumerName) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_REDIS_HOSTS", redisUri);
        env.put("NEMO_BRIDGE_CONSUMER_NAME", consumerName);
        env.put("NEMO_BRIDGE_BROKER_HOST", "localhost");
        env.put("NEMO_BRIDGE_BROKER_PORT", String.valueOf(required(brokerPort, "broker")));
        env.put("NEMO_BRIDGE_BROKER_TLS_CA_FILE", certs.ca().toString());
        env.put("NEMO_BRIDGE_BROKER_TLS_CERT_FILE", certs.cert("bridge").toString());
        env.put("NEMO_BRIDGE_BROKER_TLS_KEY_FILE", certs.key("bridge").toString());
        return env;
    }

    /** The monitor-ui's addresses: Redis, PostgreSQL, and the broker over TLS with the "monitor" certificate. */
    public Map<String, String> monitor() {
        Map<String, String> env = redisAndDatabase();
        env.put("MP_MESSAGING_INCOMING_NEMO_HOST", "localhost");
        env.put("MP_MESSAGING_INCOMING_NEMO_PORT", String.valueOf(required(brokerPort, "broker")));
        env.put("MP_MESSAGING_INCOMING_NEMO_SSL_TRUSTSTORE_LOCATION", certs.ca().toString());
        env.put("MP_MESSAGING_INCOMING_NEMO_SSL_KEYSTORE_LOCATION", certs.cert("monitor").toString());
        env.put("MP_MESSAGING_INCOMING_NEMO_SSL_KEYSTORE_PASSWORD", certs.key("monitor").toString());
        return env;
    }

    private Map<String, String> redisAndDatabase() {
        String database = "127.0.0.1:" + required(postgresPort, "PostgreSQL") + "/nemo";
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_REDIS_HOSTS", redisUri);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + database);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + database);
        if (postgresPassword != null) {
            env.put("QUARKUS_DATASOURCE_PASSWORD", postgresPassword);
        }
        return env;
    }

    private static int required(int port, String part) {
        if (port == 0) {
            throw new IllegalStateException("this stack has no " + part);
        }
        return port;
    }
}
