package nemo.mqtt.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The delivery path as separate processes on free ports, for the tests and benchmarks that start,
 * kill and restart its parts one by one: PostgreSQL, Redis (one server, or a cluster of 3 masters
 * with a replica each), Mosquitto with TLS and client certificates ({@link DevCerts#shared()}), the
 * packaged event-emitter and {@code n} mqtt-bridge replicas. The monitor-ui is left out: it is not on
 * the delivery path (deploy/local/run.sh's whole stack is {@link LocalStack}). The infrastructure
 * starts when the stack is made, the Java services with {@link #start()}.
 */
public final class ProcessStack implements AutoCloseable {

    public final DevCerts certs = DevCerts.shared();
    /** The services' logs: {@code event-emitter.log}, {@code mqtt-bridge-<n>.log}. */
    public final Path logs;
    /** The emitter's API token (its name is the stack's name). */
    public final String apiToken = UUID.randomUUID().toString();
    /** One Redis server, or null on a cluster. */
    public final ServiceProcess redis;
    /** The Redis Cluster, or null on one server. */
    public final RedisCluster cluster;

    public final ServiceProcess postgres;
    public final ServiceProcess broker;
    public final JavaService emitter;
    public final List<JavaService> bridges;

    /**
     * Starts the infrastructure and prepares the services: {@code name} names the API token and the
     * bridges' consumers ({@code <name>-bridge-<n>}); {@code emitterEnv} is added to the emitter's
     * addresses (a NEMO source, say); {@code jvm} are the services' JVM options
     * ({@link JavaService#BENCHMARK_JVM}, {@link JavaService#LOCAL_STACK_JVM}).
     */
    public ProcessStack(
            String name,
            int bridgeCount,
            boolean redisCluster,
            Map<String, String> emitterEnv,
            Path logs,
            List<String> jvm) {
        this.logs = createDirectories(logs);
        redis = redisCluster ? null : ServiceProcess.redis();
        cluster = redisCluster ? RedisCluster.start(3, 1) : null;
        postgres = ServiceProcess.postgres();
        broker = ServiceProcess.mosquitto(certs.dir());
        StackAddresses addresses = new StackAddresses(
                redisCluster ? cluster.hosts() : "redis://127.0.0.1:" + redis.port(),
                postgres.port(),
                null,
                broker.port(),
                certs);
        String clientType = redisCluster ? "cluster" : "standalone";
        Map<String, String> env = new LinkedHashMap<>(addresses.emitter(name, apiToken));
        env.put("QUARKUS_REDIS_CLIENT_TYPE", clientType);
        env.putAll(emitterEnv);
        emitter = new JavaService("event-emitter", "event-emitter", env, this.logs, jvm);
        List<JavaService> replicas = new ArrayList<>();
        for (int n = 1; n <= bridgeCount; n++) {
            Map<String, String> bridgeEnv = new LinkedHashMap<>(addresses.bridge(name + "-bridge-" + n));
            bridgeEnv.put("QUARKUS_REDIS_CLIENT_TYPE", clientType);
            replicas.add(new JavaService("mqtt-bridge-" + n, "mqtt-bridge", bridgeEnv, this.logs, jvm));
        }
        bridges = List.copyOf(replicas);
    }

    /** Starts the Java services together (as run.sh does); returns once each is ready. */
    public ProcessStack start() {
        emitter.start();
        bridges.forEach(JavaService::start);
        emitter.awaitReady(Duration.ofMinutes(3));
        bridges.forEach(bridge -> bridge.awaitReady(Duration.ofMinutes(3)));
        return this;
    }

    /** The end of each service's log, for a failure message. */
    public String tails() {
        StringBuilder text = new StringBuilder();
        List<JavaService> services = new ArrayList<>(List.of(emitter));
        services.addAll(bridges);
        for (JavaService s : services) {
            text.append("\n--- ").append(s.log()).append(" (last 15 lines)\n").append(s.tail(15));
        }
        return text.toString();
    }

    @Override
    public void close() {
        bridges.forEach(JavaService::stop);
        emitter.stop();
        broker.stop();
        if (cluster != null) {
            cluster.close();
        } else {
            redis.stop();
        }
        postgres.stop();
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
