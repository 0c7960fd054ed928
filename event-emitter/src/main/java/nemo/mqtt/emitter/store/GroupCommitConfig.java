package nemo.mqtt.emitter.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of storing events that arrive together in one transaction (prefix {@code nemo.emitter.group-commit}). */
@ConfigMapping(prefix = "nemo.emitter.group-commit")
public interface GroupCommitConfig {

    /**
     * Group transactions in flight at once, each on its own connection: one can commit while the next
     * is being written. Requests arriving while all are busy wait and form the next group.
     */
    @WithDefault("2")
    int lanes();

    /** Upper bound of events in one group (a larger batch request still goes, alone). */
    @WithDefault("500")
    int maxEvents();
}
