package nemo.mqtt.emitter.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of storing events that arrive together in one transaction (prefix {@code nemo.emitter.group-commit}). */
@ConfigMapping(prefix = "nemo.emitter.group-commit")
public interface GroupCommitConfig {

    /**
     * Group transactions in flight at once, each on its own connection. Requests arriving while all
     * are busy wait and form the next group, so one lane makes the largest groups (fewest statements
     * and round trips per event); a second lets one group commit while the next is written, which
     * pays where the database is far (each round trip long) and CPU is plentiful. On 2 cores beside a
     * local PostgreSQL one lane took about 10% more events/s at a lower p50 (deploy/bench/ingest.sh).
     */
    @WithDefault("1")
    int lanes();

    /** Upper bound of events in one group (a larger batch request still goes, alone). */
    @WithDefault("500")
    int maxEvents();

    /**
     * Tool states kept in memory, as this emitter committed them ({@link ToolStateCache}): a group
     * whose tools are all kept is written in one round trip instead of two, on the condition that
     * their rows did not change since. 0: every group reads its tools' rows first.
     */
    @WithDefault("4096")
    int cachedStates();
}
