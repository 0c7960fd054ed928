package nemo.mqtt.monitor.feed;

import java.time.Instant;

/**
 * A message as the monitor received it from the broker. {@code id} orders them and is the SSE event
 * id; {@code payload} is the JSON a subscriber acts on (unwrapped when it came signed); the other
 * fields are read from it for the log's sentence, filters and de-duplication, null when absent.
 */
public record FeedMessage(
        long id,
        String topic,
        String payload,
        int qos,
        boolean retained,
        Instant receivedAt,
        String event,
        String eventId,
        Long toolId,
        String toolName,
        String sentence,
        boolean signed) {}
