package nemo.mqtt.emitter.store;

import java.util.UUID;

/**
 * An unsent outbox row as the relay reads it: its id (the relay's order), the event it belongs to,
 * and the stream entry to append (shard stream key, MQTT topic, payload, QoS and retain flag).
 */
public record OutboxMessage(
        long id,
        UUID eventId,
        long toolId,
        long seq,
        String streamKey,
        String topic,
        String payload,
        short qos,
        boolean retain) {}
