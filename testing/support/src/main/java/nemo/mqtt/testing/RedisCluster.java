package nemo.mqtt.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster from the installed {@code redis-server} (7.0 or newer, for
 * {@code cluster-port}): masters and replicas on free loopback ports, each with its own directory
 * and AOF, joined with {@code redis-cli --cluster create}. A short node timeout makes a killed
 * master's replica take over within a few seconds. Stopped by {@link #close()} or at JVM exit.
 */
public final class RedisCluster implements AutoCloseable {

    /** How long a master may be silent before its replica is promoted (redis.conf: cluster-node-timeout). */
    public static final Duration NODE_TIMEOUT = Duration.ofMillis(1500);

    private static RedisCluster shared;

    private final List<RedisNode> nodes = new ArrayList<>();

    private RedisCluster() {}

    /**
     * Starts {@code masters} masters with {@code replicasPerMaster} replicas each and waits until
     * every node answers {@code cluster_state:ok} with all slots covered.
     */
    public static RedisCluster start(int masters, int replicasPerMaster) {
        RedisCluster cluster = new RedisCluster();
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
        Path root = TempDirs.create("nemo-redis-cluster-");
        for (int i = 0; i < masters * (1 + replicasPerMaster); i++) {
            cluster.nodes.add(RedisNode.start(
                    root.resolve("node-" + i),
                    List.of(
                            "cluster-enabled yes",
                            "cluster-port " + FreePorts.next(),
                            "cluster-config-file nodes.conf",
                            "cluster-node-timeout " + NODE_TIMEOUT.toMillis(),
                            // a replica's data age never stops it from being promoted
                            "cluster-replica-validity-factor 0")));
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        cluster.nodes.forEach(node -> create.add("127.0.0.1:" + node.port()));
        create.addAll(List.of("--cluster-replicas", String.valueOf(replicasPerMaster), "--cluster-yes"));
        run(root, create);
        cluster.awaitHealthy(Duration.ofSeconds(30));
        return cluster;
    }

    /** The cluster of 3 masters and 3 replicas shared by the tests of one JVM that do not break it. */
    public static synchronized RedisCluster shared() {
        if (shared == null) {
            shared = start(3, 1);
        }
        return shared;
    }

    /** {@code quarkus.redis.hosts}: every node, so the client finds the cluster whichever is up. */
    public String hosts() {
        return nodes.stream().map(node -> "redis://127.0.0.1:" + node.port()).collect(Collectors.joining(","));
    }

    public List<RedisNode> nodes() {
        return List.copyOf(nodes);
    }

    /** The running node that is master of {@code key}'s slot, as the cluster sees it now. */
    public RedisNode masterOf(String key) {
        RedisNode any = nodes.stream().filter(RedisNode::isRunning).findFirst().orElseThrow();
        int slot = Integer.parseInt(any.cli("CLUSTER", "KEYSLOT", key).trim());
        String owner =
                slotOwner(any, slot).orElseThrow(() -> new IllegalStateException("no master holds slot " + slot));
        return nodes.stream()
                .filter(node ->
                        node.isRunning() && node.cli("CLUSTER", "MYID").trim().equals(owner))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the master of slot " + slot + " is not running"));
    }

    /**
     * Waits until every running node says the cluster is ok and every slot's master, as they see
     * it, is a running node (after a kill: the replica has been promoted).
     */
    public void awaitHealthy(Duration atMost) {
        await("redis cluster ok")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    List<RedisNode> running =
                            nodes.stream().filter(RedisNode::isRunning).toList();
                    List<String> runningIds = running.stream()
                            .map(node -> node.cli("CLUSTER", "MYID").trim())
                            .toList();
                    return running.stream()
                            .allMatch(node -> node.cli("CLUSTER", "INFO").contains("cluster_state:ok")
                                    && runningIds.containsAll(slotMasters(node)));
                });
    }

    /** The ids of the masters that serve slots in {@code node}'s CLUSTER NODES view. */
    private static List<String> slotMasters(RedisNode node) {
        List<String> ids = new ArrayList<>();
        for (String line : node.cli("CLUSTER", "NODES").split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length > 8 && fields[2].contains("master")) {
                ids.add(fields[0]);
            }
        }
        return ids;
    }

    @Override
    public void close() {
        nodes.forEach(RedisNode::stop);
    }

    /** The node id serving {@code slot} according to {@code node}'s CLUSTER NODES view. */
    private static Optional<String> slotOwner(RedisNode node, int slot) {
        for (String line : node.cli("CLUSTER", "NODES").split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
                continue;
            }
            for (int i = 8; i < fields.length; i++) {
                String range = fields[i];
                if (range.startsWith("[")) {
                    continue;
                }
                String[] ends = range.split("-");
                int from = Integer.parseInt(ends[0]);
                int to = ends.length > 1 ? Integer.parseInt(ends[1]) : from;
                if (slot >= from && slot <= to) {
                    return Optional.of(fields[0]);
                }
            }
        }
        return Optional.empty();
    }

    static String run(Path dir, List<String> command) {
        try {
            Path out = Files.createTempFile(dir, "cli-", ".out");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish; see " + out);
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            Files.delete(out);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
