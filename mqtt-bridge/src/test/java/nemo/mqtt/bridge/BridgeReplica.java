package nemo.mqtt.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.FreePorts;
import nemo.mqtt.testing.TempDirs;

/** One mqtt-bridge replica: the packaged application in a process of its own, as Kubernetes runs it. */
final class BridgeReplica implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    BridgeReplica(String name, int redisPort, int brokerPort, DevCerts certs, Map<String, String> extraEnv) {
        this.name = name;
        this.log = TempDirs.create("nemo-bridge-" + name + "-").resolve("bridge.log");
        ProcessBuilder builder = new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar",
                System.getProperty("nemo.bridge.jar"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(FreePorts.next()));
        env.put("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:" + redisPort);
        env.put("NEMO_BRIDGE_CONSUMER_NAME", name);
        env.put("NEMO_BRIDGE_BROKER_PORT", String.valueOf(brokerPort));
        env.put("NEMO_BRIDGE_BROKER_TLS_CA_FILE", certs.ca().toString());
        env.put("NEMO_BRIDGE_BROKER_TLS_CERT_FILE", certs.cert("bridge").toString());
        env.put("NEMO_BRIDGE_BROKER_TLS_KEY_FILE", certs.key("bridge").toString());
        env.putAll(extraEnv);
        try {
            this.process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or null while it runs. */
    Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** SIGKILL: no hand-off, no DISCONNECT, leases left to lapse. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
