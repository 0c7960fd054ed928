package nemo.mqtt.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A dev PKI made by certs/make-certs.sh, the script the local stack uses. */
public record DevCerts(Path dir) {

    private static DevCerts shared;

    /** The PKI shared by every test of this JVM. */
    public static synchronized DevCerts shared() {
        if (shared == null) {
            shared = create("NEMO MQTT test");
        }
        return shared;
    }

    /** A separate PKI whose CA nothing else trusts. */
    public static DevCerts create(String cnPrefix) {
        return make(cnPrefix, Map.of());
    }

    /**
     * A separate PKI whose broker certificate names only {@code serverSan} (an OpenSSL
     * subjectAltName value, e.g. {@code DNS:broker.example}).
     */
    public static DevCerts create(String cnPrefix, String serverSan) {
        return make(cnPrefix, Map.of("NEMO_CERT_SERVER_SAN", serverSan));
    }

    /** Runs certs/make-certs.sh into a new directory with {@code environment} added. */
    private static DevCerts make(String cnPrefix, Map<String, String> environment) {
        Path dir = TempDirs.create("nemo-certs-");
        try {
            ProcessBuilder builder = new ProcessBuilder(
                            "bash", RepoPaths.certsScript().toString(), dir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("NEMO_CERT_CN_PREFIX", cnPrefix);
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("certs/make-certs.sh failed for " + dir);
            }
            return new DevCerts(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Path ca() {
        return dir.resolve("ca.pem");
    }

    public Path cert(String name) {
        return dir.resolve(name + ".pem");
    }

    public Path key(String name) {
        return dir.resolve(name + ".key");
    }
}
