package nemo.mqtt.emitter.event;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import nemo.mqtt.emitter.EmitterConfig;

/** The topic names of the wire contract (DESIGN.md). */
@ApplicationScoped
public class Topics {

    private final String prefix;

    Topics(EmitterConfig config) {
        this.prefix = config.topicPrefix();
    }

    /** Where the event itself is published, if anywhere but the status topic. */
    public Optional<String> forEvent(ToolEvent event) {
        if (event.event().isReservation()) {
            return Optional.of(prefix + "/reservations/" + event.reported().reservationId());
        }
        return event.event().toolTopicSuffix().map(suffix -> prefix + "/tools/" + event.toolId() + "/" + suffix);
    }

    /** The retained next reservation of a tool. */
    public String next(long toolId) {
        return prefix + "/tools/" + toolId + "/next";
    }

    /** The retained compact state of a tool for microcontroller screens (see DisplayPayload). */
    public String display(long toolId) {
        return prefix + "/tools/" + toolId + "/display";
    }

    /** The retained full state of a tool. */
    public String status(long toolId) {
        return prefix + "/tools/" + toolId + "/status";
    }
}
