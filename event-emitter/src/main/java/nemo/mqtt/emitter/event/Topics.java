package nemo.mqtt.emitter.event;

import jakarta.enterprise.context.ApplicationScoped;

import nemo.mqtt.emitter.EmitterConfig;

/** The topic names of the wire contract (DESIGN.md). */
@ApplicationScoped
public class Topics {

    private final String prefix;

    Topics(EmitterConfig config) {
        this.prefix = config.topicPrefix();
    }

    public String forEvent(EventType type, long toolId) {
        return prefix + "/tools/" + toolId + "/" + type.topicSuffix();
    }
}
