package nemo.mqtt.emitter.republish;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of publishing retained messages again (prefix {@code nemo.emitter.republish}). */
@ConfigMapping(prefix = "nemo.emitter.republish")
public interface RepublishConfig {

    /** How often the Redis request key ({@code <streams key prefix>:republish}) is looked at. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Tools republished per transaction (their state rows stay locked until it commits). */
    @WithDefault("200")
    int pageSize();

    /** How long a start waits for the republish a changed form needs before it goes on (and retries later). */
    @WithDefault("5m")
    Duration startTimeout();
}
