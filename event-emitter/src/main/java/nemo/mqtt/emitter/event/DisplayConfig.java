package nemo.mqtt.emitter.event;

import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the display topic (prefix {@code nemo.emitter.display}). */
@ConfigMapping(prefix = "nemo.emitter.display")
public interface DisplayConfig {

    /** The time zone of the screens: times on the display topic are local HH:MM in it (e.g. Europe/Berlin). */
    @WithDefault("UTC")
    ZoneId timeZone();
}
