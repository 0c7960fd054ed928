package nemo.mqtt.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code redis-server} of a cluster or Sentinel group, run directly (not through
 * deploy/local/services.sh, which starts a standalone Redis): its own directory, a config file with
 * the local stack's persistence (AOF, everysec) plus the given lines, on a free loopback port.
 */
public final class RedisNode {

    private final Path dir;
    private final int port;
    private final List<String> configLines;
    private ChildProcess process;

    private RedisNode(Path dir, int port, List<String> configLines) {
        this.dir = dir;
        this.port = port;
        this.configLines = configLines;
        this.process = ChildProcess.notStarted("redis", dir.resolve("stdout.log"));
    }

    /**
     * Starts a node in {@code dir} with the local stack's settings and {@code extraConfig} lines. A
     * port is free when picked, not always when Redis binds it (another test's process may take it in
     * between, also as a connection's local port), so a node that exits while starting is started
     * again on new ports, a {@code cluster-port} line included, up to {@value #START_ATTEMPTS} times.
     */
    public static RedisNode start(Path dir, List<String> extraConfig) {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnFreePorts(dir, extraConfig);
            } catch (IllegalStateException exited) {
                if (attempt == START_ATTEMPTS) {
                    throw exited;
                }
                TempDirs.deleteQuietly(dir); // startAgain creates it anew
            }
        }
    }

    private static final int START_ATTEMPTS = 3;

    private static RedisNode startOnFreePorts(Path dir, List<String> extraConfig) {
        int port = FreePorts.next();
        List<String> lines = new ArrayList<>(List.of(
                "port " + port,
                "bind 127.0.0.1",
                "dir " + dir,
                "appendonly yes",
                "appendfsync everysec",
                "save \"\"",
                "daemonize no",
                "logfile redis.log"));
        extraConfig.forEach(
                line -> lines.add(line.startsWith("cluster-port ") ? "cluster-port " + FreePorts.next() : line));
        return new RedisNode(dir, port, lines).startAgain();
    }

    /**
     * Starts a sentinel watching {@code masterName} at {@code masterPort}, quorum 2, which takes a
     * master that is silent for a second for down and fails it over.
     */
    public static RedisNode sentinel(Path dir, String masterName, int masterPort) {
        int port = FreePorts.next();
        return new RedisNode(
                        dir,
                        port,
                        List.of(
                                "port " + port,
                                "bind 127.0.0.1",
                                "dir " + dir,
                                "daemonize no",
                                "logfile redis.log",
                                "sentinel monitor " + masterName + " 127.0.0.1 " + masterPort + " 2",
                                "sentinel down-after-milliseconds " + masterName + " 1000",
                                "sentinel failover-timeout " + masterName + " 5000"))
                .startAgain();
    }

    /** Starts the node again on its port with its data (after {@link #kill()} or {@link #stop()}). */
    public synchronized RedisNode startAgain() {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("redis.conf"), configLines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process = ChildProcess.start("redis", configCommand(), Map.of(), dir.resolve("stdout.log"))
                .awaitWhileAlive(
                        "redis answering PING on " + port,
                        Duration.ofSeconds(30),
                        Duration.ofMillis(50),
                        () -> RedisPing.answers(port));
        return this;
    }

    private List<String> configCommand() {
        boolean sentinel = configLines.stream().anyMatch(line -> line.startsWith("sentinel "));
        return sentinel
                ? List.of("redis-server", dir.resolve("redis.conf").toString(), "--sentinel")
                : List.of("redis-server", dir.resolve("redis.conf").toString());
    }

    /** SIGKILL, as a crash would. */
    public synchronized void kill() {
        process.kill();
    }

    /** SIGTERM, as an orderly shutdown. */
    public synchronized void stop() {
        process.stop();
    }

    /** Answers what {@code redis-cli} prints for the command, or "" if the node does not answer. */
    public String cli(String... command) {
        List<String> args = new ArrayList<>(List.of("redis-cli", "-p", String.valueOf(port)));
        args.addAll(List.of(command));
        try {
            return RedisCluster.run(dir, args);
        } catch (IllegalStateException e) {
            return "";
        }
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    public synchronized boolean isRunning() {
        return process.isAlive();
    }
}
