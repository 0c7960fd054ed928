package nemo.mqtt.e2e.chaos;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.JavaService;
import nemo.mqtt.testing.ProcessStack;
import nemo.mqtt.testing.RedisNode;
import nemo.mqtt.testing.ServiceProcess;
import nemo.mqtt.testing.TempDirs;

/**
 * The delivery path as separate processes ({@link ProcessStack}: Redis with AOF or a cluster,
 * PostgreSQL, TLS Mosquitto, the emitter and two bridge replicas, with run.sh's JVM options), each
 * part a {@link Victim} the chaos loop kills and starts again.
 */
final class ChaosStack implements AutoCloseable {

    /** Something the chaos loop can SIGKILL and start again. */
    interface Victim {
        String name();

        void kill();

        /** Starts it again and returns once it listens (infrastructure) or is ready (our services). */
        void restart();
    }

    /** {@code -Dchaos.redis=cluster}: a Redis Cluster (3 masters, 3 replicas); its fault SIGKILLs a master. */
    static final boolean CLUSTER = "cluster".equals(System.getProperty("chaos.redis"));

    private final ProcessStack processes = new ProcessStack(
            "chaos", 2, CLUSTER, Map.of(), TempDirs.create("nemo-chaos-"), JavaService.LOCAL_STACK_JVM);
    final DevCerts certs = processes.certs;
    final Path logs = processes.logs;
    final String apiToken = processes.apiToken;
    final ServiceProcess broker = processes.broker;
    final JavaService emitter = processes.emitter;
    final List<JavaService> bridges = processes.bridges;

    /** Starts the three Java processes together (as run.sh does) and waits until each is ready. */
    ChaosStack start() {
        processes.start();
        return this;
    }

    /** The broker's persistence file, written every {@code autosave_interval} (5 s) and at shutdown. */
    Path brokerSnapshot() {
        return broker.dir().resolve("mosquitto.db");
    }

    /** Waits until the broker has written its state to disk after {@code since}. */
    void awaitBrokerSnapshotAfter(FileTime since, String what) {
        Path snapshot = brokerSnapshot();
        await(what)
                .atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(snapshot)
                        && Files.getLastModifiedTime(snapshot).compareTo(since) > 0);
    }

    int emitterPort() {
        return emitter.httpPort();
    }

    List<Victim> victims() {
        return List.of(
                infrastructure("broker", broker),
                CLUSTER ? clusterMaster() : infrastructure("redis", processes.redis),
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
                killed[0] = processes.cluster.masterOf("nemo:events:0");
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
        return processes.tails();
    }

    @Override
    public void close() {
        processes.close();
    }
}
