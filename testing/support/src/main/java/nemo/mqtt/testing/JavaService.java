package nemo.mqtt.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One of our packaged Quarkus services ({@code <module>/target/quarkus-app/quarkus-run.jar}) as a
 * process of its own, in the prod profile, as deploy/local/run.sh and Kubernetes run it: the one
 * launcher of the e2e tests, the chaos suite, the bridge's replica tests and the benchmarks. It can be
 * SIGKILLed and started again on the same HTTP port; its output is appended to {@code <name>.log}.
 */
public final class JavaService implements AutoCloseable {

    /** The JVM options deploy/local/run.sh gives each service (its NEMO_JAVA_OPTS default). */
    public static final List<String> LOCAL_STACK_JVM = List.of(
            "-XX:+UseSerialGC",
            "-Xmx128m",
            "-Xmn32m",
            "-XX:TieredStopAtLevel=1",
            "-Dquarkus.vertx.event-loops-pool-size=1");
    /** For benchmarks: the JIT's full optimisation, and room for the load. */
    public static final List<String> BENCHMARK_JVM = List.of("-Xmx512m");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final List<String> jvmOptions;
    private final Map<String, String> env;
    private final Path log;
    private final int httpPort = FreePorts.next();
    private ChildProcess process;

    /**
     * Takes the service's {@code name} (its log file's), its Maven {@code module}, the environment it
     * runs with (see {@link StackAddresses}; QUARKUS_HTTP_PORT is added), the directory of its log and
     * its JVM options. Throws when the module's jar has not been built.
     */
    public JavaService(String name, String module, Map<String, String> env, Path logDir, List<String> jvmOptions) {
        this.name = name;
        this.jar = RepoPaths.root().resolve(module + "/target/quarkus-app/quarkus-run.jar");
        this.jvmOptions = List.copyOf(jvmOptions);
        this.env = Map.copyOf(env);
        this.log = logDir.resolve(name + ".log");
        this.process = ChildProcess.notStarted(name, log);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvn.sh package -DskipTests)");
        }
    }

    /** With the local stack's JVM options and a log directory of its own. */
    public JavaService(String name, String module, Map<String, String> env) {
        this(name, module, env, TempDirs.create("nemo-" + name + "-"), LOCAL_STACK_JVM);
    }

    /** Starts the process and returns at once (see {@link #awaitReady}). */
    public synchronized JavaService start() {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        Map<String, String> all = new HashMap<>(env);
        all.put("QUARKUS_HTTP_PORT", String.valueOf(httpPort));
        process = ChildProcess.start(name, command, all, log);
        return this;
    }

    /** Waits until /q/health/ready answers 200; throws, naming the log, when the process exits first. */
    public JavaService awaitReady(Duration atMost) {
        process.awaitWhileAlive(name + " ready on :" + httpPort, atMost, Duration.ofMillis(100), this::ready);
        return this;
    }

    private boolean ready() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: no shutdown hooks, no goodbye to Redis or the broker, leases left to lapse. */
    public synchronized void kill() {
        process.kill();
    }

    /** SIGTERM, an orderly shutdown; SIGKILL after 30 s. */
    public synchronized void stop() {
        process.stop();
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or null while it runs. */
    public Integer exitCode() {
        return process.exitCode();
    }

    /** The last {@code lines} lines of its log, for a failure message. */
    public String tail(int lines) {
        return process.tail(lines);
    }

    @Override
    public void close() {
        stop();
    }
}
