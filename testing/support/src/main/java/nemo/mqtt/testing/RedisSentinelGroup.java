package nemo.mqtt.testing;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real Sentinel group from the installed {@code redis-server}: one master, one replica and three
 * sentinels (quorum 2) on free loopback ports, as operators run it. Stopped by {@link #close()} or
 * at JVM exit.
 */
public final class RedisSentinelGroup implements AutoCloseable {

    public static final String MASTER_NAME = "mymaster";

    private final List<RedisNode> servers = new ArrayList<>();
    private final List<RedisNode> sentinels = new ArrayList<>();

    private RedisSentinelGroup() {}

    /** Starts the group and waits until every sentinel knows the master and its replica. */
    public static RedisSentinelGroup start() {
        RedisSentinelGroup group = new RedisSentinelGroup();
        Runtime.getRuntime().addShutdownHook(new Thread(group::close));
        Path root = TempDirs.create("nemo-redis-sentinel-");
        // DEBUG SLEEP from this machine lets a test stall the replica, so that writes stop reaching it
        RedisNode master = RedisNode.start(root.resolve("master"), List.of("enable-debug-command local"));
        group.servers.add(master);
        group.servers.add(RedisNode.start(
                root.resolve("replica"),
                List.of("enable-debug-command local", "replicaof 127.0.0.1 " + master.port())));
        for (int i = 0; i < 3; i++) {
            group.sentinels.add(RedisNode.sentinel(root.resolve("sentinel-" + i), MASTER_NAME, master.port()));
        }
        await("sentinels see the replica")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> group.sentinels.stream()
                        .allMatch(
                                s -> s.cli("SENTINEL", "REPLICAS", MASTER_NAME).contains("slave")));
        return group;
    }

    /** {@code quarkus.redis.hosts} for {@code quarkus.redis.client-type=sentinel}: every sentinel. */
    public String hosts() {
        return sentinels.stream().map(s -> "redis://127.0.0.1:" + s.port()).collect(Collectors.joining(","));
    }

    /** The server the sentinels name as master now. */
    public RedisNode master() {
        String answer = sentinels.stream()
                .filter(RedisNode::isRunning)
                .findFirst()
                .orElseThrow()
                .cli("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
        int port = Integer.parseInt(answer.trim().split("\\s+")[1]);
        return servers.stream().filter(s -> s.port() == port).findFirst().orElseThrow();
    }

    public List<RedisNode> servers() {
        return List.copyOf(servers);
    }

    @Override
    public void close() {
        sentinels.forEach(RedisNode::stop);
        servers.forEach(RedisNode::stop);
    }
}
