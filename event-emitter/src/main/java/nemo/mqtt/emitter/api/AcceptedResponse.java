package nemo.mqtt.emitter.api;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import nemo.mqtt.emitter.store.EventStore.Accepted;

/** The 202 answer: the id to correlate with MQTT messages, and the event's place in the tool's order. */
@Schema(name = "Accepted")
public record AcceptedResponse(
        @Schema(required = true, format = "uuid") UUID eventId,

        @Schema(
                required = true,
                minimum = "1",
                format = "int64",
                description = "The tool the event is kept under " + "(a child tool's parent)")
        long toolId,

        @Schema(required = true, minimum = "1", format = "int64")
        long seq,

        @Schema(required = true, description = "A retry of a stored event_id: the first result, nothing stored")
        boolean duplicate) {

    static AcceptedResponse of(Accepted accepted) {
        return new AcceptedResponse(accepted.eventId(), accepted.toolId(), accepted.seq(), accepted.duplicate());
    }
}
