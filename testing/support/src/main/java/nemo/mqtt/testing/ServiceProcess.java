package nemo.mqtt.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One backing service (redis, mosquitto, postgres, or an nginx proxy) started with deploy/local/services.sh on its own
 * port and directory. The script execs the server, so stop() and kill() reach the server itself.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String kind;
    private final int port;
    private final Path dir;
    private final List<String> extraArgs;
    private ChildProcess process;

    private ServiceProcess(String kind, int port, Path dir, List<String> extraArgs) {
        this.kind = kind;
        this.port = port;
        this.dir = dir;
        this.extraArgs = extraArgs;
        this.process = ChildProcess.notStarted(kind, dir.resolve(kind + ".log"));
    }

    public static ServiceProcess redis() {
        return new ServiceProcess("redis", FreePorts.next(), TempDirs.create("nemo-redis-"), List.of()).start();
    }

    public static ServiceProcess postgres() {
        return new ServiceProcess("postgres", FreePorts.next(), TempDirs.create("nemo-pg-"), List.of("nemo")).start();
    }

    /**
     * A private PostgreSQL cluster with {@code wal_level=logical} on {@code port}, for change data
     * capture: started once to create the cluster, then again with the setting (it needs a server start).
     */
    public static ServiceProcess postgresLogical(int port) {
        ServiceProcess postgres =
                new ServiceProcess("postgres", port, TempDirs.create("nemo-pg-"), List.of("nemo")).start();
        postgres.stop();
        try {
            Files.writeString(
                    postgres.dir.resolve("pgdata/postgresql.conf"),
                    "\nwal_level = logical\n",
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return postgres.start();
    }

    public static ServiceProcess mosquitto(Path certDir) {
        return mosquitto(FreePorts.next(), certDir);
    }

    public static ServiceProcess mosquitto(int port, Path certDir) {
        return new ServiceProcess("mosquitto", port, TempDirs.create("nemo-mosquitto-"), List.of(certDir.toString()))
                .start();
    }

    /**
     * nginx in front of 127.0.0.1:{@code upstreamPort} with a plain {@code proxy_pass} and nginx's
     * default proxy settings (buffering on), as a site might put it in front of the monitor.
     */
    public static ServiceProcess nginx(int upstreamPort) {
        return new ServiceProcess(
                        "nginx",
                        FreePorts.next(),
                        TempDirs.create("nemo-nginx-"),
                        List.of(String.valueOf(upstreamPort)))
                .start();
    }

    public synchronized ServiceProcess start() {
        List<String> command = new ArrayList<>(
                List.of("bash", RepoPaths.servicesScript().toString(), kind, String.valueOf(port), dir.toString()));
        command.addAll(extraArgs);
        // Redis listens before it has loaded its data: it is up once it answers
        boolean redis = "redis".equals(kind);
        process = ChildProcess.start(kind, command, Map.of(), dir.resolve(kind + ".log"))
                .awaitWhileAlive(
                        kind + (redis ? " answering PING on " : " listening on ") + port,
                        Duration.ofSeconds(90),
                        Duration.ofMillis(50),
                        () -> redis ? RedisPing.answers(port) : FreePorts.isListening(port));
        return this;
    }

    /** SIGKILL, as a crash would; returns once its port is free. */
    public synchronized void kill() {
        process.kill();
        awaitPortReleased();
    }

    /** SIGTERM, as an orderly shutdown; returns once its port is free. */
    public synchronized void stop() {
        if (process.isAlive()) {
            process.stop();
            awaitPortReleased();
        }
    }

    private void awaitPortReleased() {
        await(kind + " port released").atMost(Duration.ofSeconds(10)).until(() -> !FreePorts.isListening(port));
    }

    public int port() {
        return port;
    }

    /** The server's process id (the script execs it; PostgreSQL's workers are its children). */
    public long pid() {
        return process.pid();
    }

    public Path dir() {
        return dir;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }
}
