package nemo.mqtt.emitter.api;

import java.util.UUID;

import nemo.mqtt.emitter.store.EventStore.Accepted;

/** The 202 answer: the id to correlate with MQTT messages, and the event's place in the tool's order. */
public record AcceptedResponse(UUID eventId, long toolId, long seq, boolean duplicate) {

    static AcceptedResponse of(Accepted accepted) {
        return new AcceptedResponse(accepted.eventId(), accepted.toolId(), accepted.seq(), accepted.duplicate());
    }
}
