package nemo.mqtt.monitor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of monitor-ui (prefix {@code nemo.monitor}); the broker connection is the {@code nemo} channel's. */
@ConfigMapping(prefix = "nemo.monitor")
public interface MonitorConfig {

    /** Messages kept for the page's first paint and for Last-Event-ID replay; memory stays flat. */
    @WithDefault("1000")
    int bufferSize();
}
