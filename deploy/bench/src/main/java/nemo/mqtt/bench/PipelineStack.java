package nemo.mqtt.bench;

import java.nio.file.Path;
import java.util.Map;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.JavaService;
import nemo.mqtt.testing.ProcessStack;

/**
 * The event path without the monitor-ui ({@link ProcessStack} with one bridge and the benchmark JVM
 * options), the emitter with the extra environment its benchmark gives it (a NEMO source). For the
 * benchmarks of NEMO's sources.
 */
final class PipelineStack implements AutoCloseable {

    private final ProcessStack processes;
    final DevCerts certs;

    private PipelineStack(ProcessStack processes) {
        this.processes = processes;
        this.certs = processes.certs;
    }

    /**
     * Starts everything, the emitter with {@code emitterEnv} added to its addresses, logs in
     * {@code logs}; returns once both services are ready.
     */
    static PipelineStack start(Map<String, String> emitterEnv, Path logs) {
        return new PipelineStack(
                new ProcessStack("bench", 1, false, emitterEnv, logs, JavaService.BENCHMARK_JVM).start());
    }

    /** The broker's TLS port on localhost. */
    int mqttPort() {
        return processes.broker.port();
    }

    /** The event-emitter's HTTP port on localhost. */
    int emitterPort() {
        return processes.emitter.httpPort();
    }

    @Override
    public void close() {
        processes.close();
    }
}
