package nemo.mqtt.emitter.nemo;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the NEMO REST poller (prefix {@code nemo.emitter.poller}, environment
 * {@code NEMO_EMITTER_POLLER_*}). README, "Connecting NEMO / REST poller", lists them.
 */
@ConfigMapping(prefix = "nemo.emitter.poller")
public interface PollerConfig {

    /** Poll a NEMO server's REST API and turn what changed into events; enabled without base-url refuses to start. */
    @WithDefault("false")
    boolean enabled();

    /** NEMO's base URL, e.g. https://nemo.lab.example (the API is under /api/). */
    Optional<String> baseUrl();

    /** NEMO API token, sent as {@code Authorization: Token <key>}; from a Secret, never logged. */
    Optional<String> token();

    /**
     * How often what decides a tool's state is read, all together: usages, shutdowns, open tasks,
     * scheduled outages. Also the longest a recovery takes once NEMO answers again.
     */
    @WithDefault("5s")
    Duration usageInterval();

    /** How often tool names, parents, categories and upcoming reservations are read. */
    @WithDefault("30s")
    Duration statusInterval();

    /**
     * How far back each cycle also looks for usages that started or ended, to catch short runs
     * between polls; an emitter (or NEMO) away longer than this may have missed runs (warned).
     */
    @WithDefault("15m")
    Duration lookBack();

    /** Longest wait for one answer of NEMO. */
    @WithDefault("15s")
    Duration requestTimeout();
}
