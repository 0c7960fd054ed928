package nemo.mqtt.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's scripts, so tests run the same service launchers as the local stack. */
public final class RepoPaths {

    private RepoPaths() {}

    public static Path root() {
        String configured = System.getProperty("nemo.repo.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("deploy/local/services.sh"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "repository root not found from " + Path.of("").toAbsolutePath());
    }

    public static Path servicesScript() {
        return root().resolve("deploy/local/services.sh");
    }

    public static Path certsScript() {
        return root().resolve("certs/make-certs.sh");
    }
}
