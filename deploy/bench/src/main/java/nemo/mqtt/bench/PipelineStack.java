package nemo.mqtt.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.JavaService;
import nemo.mqtt.testing.ServiceProcess;
import nemo.mqtt.testing.StackAddresses;

/**
 * The event path without the monitor-ui, on free ports: the emitter's PostgreSQL, Redis, Mosquitto
 * with TLS and client certificates ({@link DevCerts#shared()}), the packaged event-emitter (with the
 * extra environment its benchmark gives it: a NEMO source) and one mqtt-bridge, both with the
 * benchmark JVM options. Their logs go to {@code logs}. For the benchmarks of NEMO's sources.
 */
final class PipelineStack implements AutoCloseable {

    final DevCerts certs = DevCerts.shared();
    private final ServiceProcess postgres;
    private final ServiceProcess redis;
    private final ServiceProcess broker;
    private final JavaService emitter;
    private final JavaService bridge;

    private PipelineStack(Map<String, String> emitterEnv, Path logs) {
        postgres = ServiceProcess.postgres();
        redis = ServiceProcess.redis();
        broker = ServiceProcess.mosquitto(certs.dir());
        StackAddresses addresses = StackAddresses.of(redis, postgres, broker, certs);
        Map<String, String> env = new HashMap<>(addresses.emitter("bench", "bench-token"));
        env.putAll(emitterEnv);
        emitter = new JavaService("event-emitter", "event-emitter", env, logs, JavaService.BENCHMARK_JVM);
        bridge = new JavaService(
                "mqtt-bridge", "mqtt-bridge", addresses.bridge("bench-bridge"), logs, JavaService.BENCHMARK_JVM);
    }

    /**
     * Starts everything, the emitter with {@code emitterEnv} added to its addresses, logs in
     * {@code logs}; returns once both services are ready.
     */
    static PipelineStack start(Map<String, String> emitterEnv, Path logs) throws Exception {
        Files.createDirectories(logs);
        PipelineStack stack = new PipelineStack(emitterEnv, logs);
        stack.emitter.start();
        stack.bridge.start();
        stack.emitter.awaitReady(Duration.ofMinutes(3));
        stack.bridge.awaitReady(Duration.ofMinutes(3));
        return stack;
    }

    /** The broker's TLS port on localhost. */
    int mqttPort() {
        return broker.port();
    }

    /** The event-emitter's HTTP port on localhost. */
    int emitterPort() {
        return emitter.httpPort();
    }

    @Override
    public void close() {
        bridge.stop();
        emitter.stop();
        broker.stop();
        redis.stop();
        postgres.stop();
    }
}
