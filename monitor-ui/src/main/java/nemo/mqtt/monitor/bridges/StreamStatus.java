package nemo.mqtt.monitor.bridges;

/** One shard stream: entries kept, and the bridges' consumer group's lag and pending count on it. */
public record StreamStatus(String key, long length, long lag, long pending) {}
