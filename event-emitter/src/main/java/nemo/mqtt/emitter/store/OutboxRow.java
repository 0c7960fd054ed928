package nemo.mqtt.emitter.store;

import java.util.List;
import java.util.UUID;

/**
 * An unsent outbox row as the relay reads it: its id (the relay's order), the event it belongs to, the
 * shard stream its entries go to, and the messages to append there in order (each one stream entry:
 * MQTT topic, payload, retain flag), all with QoS {@code qos}.
 */
public record OutboxRow(
        long id,
        UUID eventId,
        long toolId,
        long seq,
        String streamKey,
        List<EventWrites.Message> messages,
        short qos) {}
