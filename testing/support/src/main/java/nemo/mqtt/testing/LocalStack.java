package nemo.mqtt.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The stack as the README starts it (deploy/local/run.sh), on free ports and a state directory of its
 * own: the e2e tests' and the latency benchmark's. Its logs are in {@code state/logs/<service>.log}.
 */
public final class LocalStack implements AutoCloseable {

    public final int redisPort = FreePorts.next();
    public final int mqttPort = FreePorts.next();
    public final int postgresPort = FreePorts.next();
    public final int monitorPort = FreePorts.next();
    public final int emitterPort = FreePorts.next();
    public final int bridgePort = FreePorts.next();
    public final Path state = TempDirs.create("nemo-stack-");
    public final DevCerts certs = new DevCerts(state.resolve("certs"));
    private final Path output = state.resolve("run.out");
    private ChildProcess process = ChildProcess.notStarted("run.sh", output);
    private Map<String, String> environment = Map.of();

    /** Starts the stack with {@code environment} added to what run.sh and the services see; returns once it runs. */
    public LocalStack start(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return start();
    }

    public LocalStack start() {
        Map<String, String> env = new HashMap<>(Map.of(
                "NEMO_STATE_DIR", state.toString(),
                "NEMO_CERTS_DIR", certs.dir().toString(),
                "NEMO_REDIS_PORT", String.valueOf(redisPort),
                "NEMO_MQTT_PORT", String.valueOf(mqttPort),
                "NEMO_PG_PORT", String.valueOf(postgresPort),
                "NEMO_MONITOR_PORT", String.valueOf(monitorPort),
                "NEMO_EMITTER_PORT", String.valueOf(emitterPort),
                "NEMO_BRIDGE_PORT", String.valueOf(bridgePort),
                "NEMO_SKIP_BUILD", "1"));
        env.putAll(environment);
        process = ChildProcess.start(
                        "run.sh",
                        List.of(
                                "bash",
                                RepoPaths.root().resolve("deploy/local/run.sh").toString()),
                        env,
                        output)
                .awaitWhileAlive(
                        "the stack prints that it is running",
                        Duration.ofMinutes(4),
                        Duration.ofMillis(200),
                        () -> output().contains("NEMO MQTT is running."));
        return this;
    }

    /** What run.sh printed so far. */
    public String output() throws IOException {
        return Files.exists(output) ? Files.readString(output) : "";
    }

    /** The API token run.sh generated. */
    public String apiToken() throws IOException {
        return secret("api-token");
    }

    /** A secret run.sh generated into its state directory: api-token, redis-password, postgres-password, ... */
    public String secret(String file) throws IOException {
        return Files.readString(state.resolve(file)).strip();
    }

    /** The stack's Redis, with the password run.sh generated for it. */
    public String redisUri() throws IOException {
        return "redis://:" + secret("redis-password") + "@127.0.0.1:" + redisPort;
    }

    /** {@code path} on the event-emitter. */
    public URI emitter(String path) {
        return URI.create("http://localhost:" + emitterPort + path);
    }

    /** {@code path} on the monitor-ui. */
    public URI monitor(String path) {
        return URI.create("http://localhost:" + monitorPort + path);
    }

    /** The HTTP port of each service, by its module's name. */
    public Map<String, Integer> httpPorts() {
        return Map.of("event-emitter", emitterPort, "mqtt-bridge", bridgePort, "monitor-ui", monitorPort);
    }

    /** Every port of the stack. */
    public List<Integer> ports() {
        return List.of(redisPort, mqttPort, postgresPort, monitorPort, emitterPort, bridgePort);
    }

    /** Ctrl-C: SIGINT to run.sh, as a terminal would send it; nothing when it is not running (it failed to start). */
    public void interrupt() throws IOException, InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        new ProcessBuilder("kill", "-INT", String.valueOf(process.pid()))
                .start()
                .waitFor(10, TimeUnit.SECONDS);
    }

    /** Waits up to {@code timeout} for run.sh to exit; true when it did. */
    public boolean waitForExit(Duration timeout) {
        return process == null || process.waitFor(timeout);
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop(Duration.ofSeconds(60));
        }
        // run.sh stops its children on TERM; anything still up here would be a leak worth failing on
        ports().stream().filter(FreePorts::isListening).findAny().ifPresent(port -> {
            throw new IllegalStateException("port " + port + " still in use after the stack stopped");
        });
    }
}
