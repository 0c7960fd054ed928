package nemo.mqtt.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the services of one test or benchmark stack find Redis, PostgreSQL and the broker, written out
 * as the environment variables the packaged services read (the names deploy/local/run.sh and the
 * Kubernetes ConfigMap set). Production has no local defaults for any of them (issue 15), so every
 * {@link JavaService} gets all of them from here. {@code postgresPort} and {@code brokerPort} are 0
 * for a stack without that part; {@code postgresPassword} is null when PostgreSQL takes none.
 */
public record StackAddresses(
        String redisUri, int postgresPort, String postgresPassword, int brokerPort, DevCerts certs) {

    /** The stack of these processes; {@code postgres} and {@code broker} may be null. */
    public static StackAddresses of(
            ServiceProcess redis, ServiceProcess postgres, ServiceProcess broker, DevCerts certs) {
        return new StackAddresses(
                "redis://127.0.0.1:" + redis.port(),
                postgres == null ? 0 : postgres.port(),
                null,
                broker == null ? 0 : broker.port(),
                certs);
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
        env.putAll(broker(
                "bridge",
                "NEMO_BRIDGE_BROKER_HOST",
                "NEMO_BRIDGE_BROKER_PORT",
                "NEMO_BRIDGE_BROKER_TLS_CA_FILE",
                "NEMO_BRIDGE_BROKER_TLS_CERT_FILE",
                "NEMO_BRIDGE_BROKER_TLS_KEY_FILE"));
        return env;
    }

    /** The monitor-ui's addresses: Redis, PostgreSQL, and the broker over TLS with the "monitor" certificate. */
    public Map<String, String> monitor() {
        Map<String, String> env = redisAndDatabase();
        // for PEM the connector takes the certificate as the keystore's "location" and the key as its "password"
        env.putAll(broker(
                "monitor",
                "MP_MESSAGING_INCOMING_NEMO_HOST",
                "MP_MESSAGING_INCOMING_NEMO_PORT",
                "MP_MESSAGING_INCOMING_NEMO_SSL_TRUSTSTORE_LOCATION",
                "MP_MESSAGING_INCOMING_NEMO_SSL_KEYSTORE_LOCATION",
                "MP_MESSAGING_INCOMING_NEMO_SSL_KEYSTORE_PASSWORD"));
        return env;
    }

    /**
     * The broker on this machine over TLS with {@code client}'s certificate, under the names one service
     * reads for, in this order: host, port, CA file, client certificate file, client key file.
     */
    private Map<String, String> broker(String client, String... names) {
        List<String> values = List.of(
                "localhost",
                String.valueOf(required(brokerPort, "broker")),
                certs.ca().toString(),
                certs.cert(client).toString(),
                certs.key(client).toString());
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            env.put(names[i], values.get(i));
        }
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
