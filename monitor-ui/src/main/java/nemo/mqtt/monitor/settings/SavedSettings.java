package nemo.mqtt.monitor.settings;

import java.time.OffsetDateTime;

/** The settings in force, their version (what bridges report back in their heartbeat) and who saved them. */
public record SavedSettings(BrokerSettings settings, long version, String updatedBy, OffsetDateTime updatedAt) {}
