package nemo.mqtt.emitter.nemo.capture;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Change data capture of NEMO's PostgreSQL (prefix {@code nemo.emitter.capture}, environment
 * {@code NEMO_EMITTER_CAPTURE_*}). Off unless enabled; the README's "Change data capture" block
 * says what NEMO's DBA sets up for it.
 */
@ConfigMapping(prefix = "nemo.emitter.capture")
public interface CaptureConfig {

    /** Read NEMO's committed changes from its PostgreSQL (logical replication, pgoutput). */
    @WithDefault("false")
    boolean enabled();

    /** NEMO's PostgreSQL host. */
    @WithDefault("localhost")
    String host();

    @WithDefault("5432")
    int port();

    /** NEMO's database. */
    @WithDefault("nemo")
    String database();

    /** A role with REPLICATION and SELECT on the captured tables only. */
    @WithDefault("nemo_mqtt_cdc")
    String user();

    /** From a Secret, never logged. */
    Optional<String> password();

    /** The schema of NEMO's tables. */
    @WithDefault("public")
    String schema();

    /** The replication slot; created on first start if missing. Lower-case letters, digits and _. */
    @WithDefault("nemo_mqtt")
    String slot();

    /** The publication NEMO's DBA created (it is never created by the emitter). */
    @WithDefault("nemo_mqtt")
    String publication();

    /**
     * How long the engine waits to fill a batch (Debezium's poll.interval.ms): every batch waits this
     * long unless 2,048 changes fill it first, so it is the latency a lone change adds.
     */
    @WithDefault("10ms")
    Duration pollInterval();

    /** Heartbeats confirm the position while NEMO's tables are quiet, so the slot does not pin WAL. */
    @WithDefault("10s")
    Duration heartbeatInterval();

    /** How often the lease, the engine and the slot are checked (and the engine restarted after a failure). */
    @WithDefault("5s")
    Duration checkInterval();

    /** How often time-driven states are checked: scheduled outages starting/ending, delayed logoffs passing. */
    @WithDefault("1s")
    Duration timedInterval();
}
