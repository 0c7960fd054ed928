package nemo.mqtt.monitor;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Size;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of monitor-ui (prefix {@code nemo.monitor}); its own broker subscription is the {@code nemo} channel's. */
@ConfigMapping(prefix = "nemo.monitor")
public interface MonitorConfig {

    /** Messages kept on the server for the page's first paint and for Last-Event-ID replay; memory stays flat. */
    @WithDefault("1000")
    int bufferSize();

    /** Log entries a browser keeps (shown plus held while paused); older ones drop off. */
    @WithDefault("1000")
    int logSize();

    /** Topic prefix the emitter publishes under, for the board's status topics. */
    @WithDefault("nemo")
    String topicPrefix();

    /**
     * Encrypts the sign-in cookie and signs CSRF tokens; every replica must have the same one (a
     * Secret in Kubernetes), at least 32 characters. Never logged.
     */
    @Size(min = 32)
    String sessionKey();

    /**
     * Origins, besides the one a request was addressed to, whose pages may post to the monitor
     * (e.g. {@code https://monitor.example.org} when a proxy does not forward its host). Every
     * state-changing request from any other origin is refused (issue 14).
     */
    Optional<List<String>> allowedOrigins();

    /** The longest form field accepted, in characters (PEM bundles, 4096-bit keys); longer ones get 413. */
    @WithDefault("64K")
    MemorySize maxFieldSize();

    /**
     * The emitter's HMAC-SHA256 signing key (the same Secret as its {@code NEMO_EMITTER_SIGNING_KEY}),
     * from {@code NEMO_MONITOR_SIGNING_KEY}. When set, only messages in the signed envelope with a
     * matching hmac reach the board and the log: anyone may publish to the broker, and a retained
     * status with a huge {@code seq} would otherwise pin a fake card for good. White space around it
     * (a newline from a file) is trimmed. Never logged.
     */
    Optional<String> signingKey();

    /** How often saved settings are checked against what Redis holds, and announced again if missing. */
    @WithDefault("10s")
    Duration reannounceInterval();

    /** Limits of the settings page's "Test connection". */
    @WithDefault("5s")
    Duration testConnectionTimeout();
}
