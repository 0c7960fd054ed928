package nemo.mqtt.e2e.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.JavaService;
import nemo.mqtt.testing.RedisCluster;
import nemo.mqtt.testing.RedisNode;
import nemo.mqtt.testing.ServiceProcess;
import nemo.mqtt.testing.StackAddresses;
import nemo.mqtt.testing.TempDirs;

/**
 * The local stack as separate processes, so each part can be killed and restarted on its own: Redis
 * (AOF), PostgreSQL and the TLS Mosquitto through deploy/local/services.sh, the emitter and two bridge
 * replicas as run.sh starts them. The monitor is left out: it is not on the delivery path.
 */
final class ChaosStack implements AutoCloseable {

    /** Something the chaos loop can SIGKILL and start again. */
    interface Victim {
        String name();

        void kill();

        /** Starts it again and returns once it listens (infrastructure) or is ready (our services). */
        void restart();
    }

    final DevCerts certs = DevCerts.shared();
    final Path logs = TempDirs.create("nemo-chaos-");
    final String apiToken = UUID.randomUUID().toString();
    /** {@code -Dchaos.redis=cluster}: a Redis Cluster (3 masters, 3 replicas); its fault SIGKILLs a master. */
    static final boolean CLUSTER = "cluster".equals(System.getProperty("chaos.redis"));

    final ServiceProcess redis = CLUSTER ? null : ServiceProcess.redis();
    final RedisCluster cluster = CLUSTER ? RedisCluster.start(3, 1) : null;
    final ServiceProcess postgres = ServiceProcess.postgres();
    final ServiceProcess broker = ServiceProcess.mosquitto(certs.dir());
    final JavaService emitter;
    final List<JavaService> bridges;

    ChaosStack() {
        StackAddresses addresses = new StackAddresses(
                CLUSTER ? cluster.hosts() : "redis://127.0.0.1:" + redis.port(),
                postgres.port(),
                null,
                broker.port(),
                certs);
        emitter = new JavaService(
                "event-emitter",
                "event-emitter",
                redisKind(addresses.emitter("chaos", apiToken)),
                logs,
                JavaService.LOCAL_STACK_JVM);
        bridges = List.of(bridge(1, addresses), bridge(2, addresses));
    }

    private JavaService bridge(int replica, StackAddresses addresses) {
        return new JavaService(
                "mqtt-bridge-" + replica,
                "mqtt-bridge",
                redisKind(addresses.bridge("chaos-bridge-" + replica)),
                logs,
                JavaService.LOCAL_STACK_JVM);
    }

    /** {@code env} with the Redis client's kind: cluster in cluster mode. */
    private static Map<String, String> redisKind(Map<String, String> env) {
        Map<String, String> withKind = new LinkedHashMap<>(env);
        withKind.put("QUARKUS_REDIS_CLIENT_TYPE", CLUSTER ? "cluster" : "standalone");
        return withKind;
    }

    /** Starts the three Java processes together (as run.sh does) and waits until each is ready. */
    ChaosStack start() {
        emitter.start();
        bridges.forEach(JavaService::start);
        emitter.awaitReady(Duration.ofMinutes(3));
        bridges.forEach(b -> b.awaitReady(Duration.ofMinutes(3)));
        return this;
    }

    int emitterPort() {
        return emitter.httpPort();
    }

    List<Victim> victims() {
        return List.of(
                infrastructure("broker", broker),
                CLUSTER ? clusterMaster() : infrastructure("redis", redis),
                service(emitter),
                service(bridges.get(0)),
                service(bridges.get(1)));
    }

    private static Victim infrastructure(String name, ServiceProcess process) {
        return new Victim() {
            public String name() {
                return name;
            }

            public void kill() {
                process.kill(); // SIGKILL; services.sh execs the server, so this reaches it
            }

            public void restart() {
                process.start(); // same port, same data directory (Redis replays its AOF, Mosquitto its db)
            }
        };
    }

    /** The master of shard stream 0 at the moment of the kill; started again, it rejoins as a replica. */
    private Victim clusterMaster() {
        RedisNode[] killed = new RedisNode[1];
        return new Victim() {
            public String name() {
                return "redis-master";
            }

            public void kill() {
                killed[0] = cluster.masterOf("nemo:events:0");
                killed[0].kill();
            }

            public void restart() {
                killed[0].startAgain();
            }
        };
    }

    private static Victim service(JavaService service) {
        return new Victim() {
            public String name() {
                return service.name();
            }

            public void kill() {
                service.kill();
            }

            public void restart() {
                service.start().awaitReady(Duration.ofMinutes(2));
            }
        };
    }

    /** The end of each log, for a failure message. */
    String tails() {
        StringBuilder text = new StringBuilder();
        for (JavaService s : List.of(emitter, bridges.get(0), bridges.get(1))) {
            text.append("\n--- ").append(s.log()).append(" (last 15 lines)\n").append(s.tail(15));
        }
        return text.toString();
    }

    @Override
    public void close() {
        bridges.forEach(JavaService::stop);
        emitter.stop();
        broker.stop();
        if (CLUSTER) {
            cluster.close();
        } else {
            redis.stop();
        }
        postgres.stop();
    }
}
