package nemo.mqtt.monitor.feed;

import java.time.Instant;

/** A message as the monitor received it from the broker; {@code id} orders them and is the SSE event id. */
public record FeedMessage(long id, String topic, String payload, int qos, boolean retained, Instant receivedAt) {
}
