package nemo.mqtt.emitter.nemo;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import nemo.mqtt.emitter.event.EventType;

/**
 * The frequent cycle: reads everything that decides tool states together ({@link StateRead}) and
 * stores what changed in one transaction, ordered by {@link CycleEvents}. It also notices when the
 * previous successful read is older than the look-back: runs that started and ended in between may
 * be missing, and that is said loudly (WARN and {@code nemo_poller_possible_gaps_total}).
 */
@ApplicationScoped
class StateCycle {

    private static final Logger LOG = Logger.getLogger(StateCycle.class);

    @Inject
    NemoClient nemo;

    @Inject
    PollerStore store;

    @Inject
    PollerConfig config;

    private final Counter gaps;

    StateCycle(MeterRegistry registry) {
        this.gaps = Counter.builder("nemo.poller.possible.gaps")
                .description("Times the NEMO poller resumed after more than its look-back: short runs may be missing")
                .register(registry);
    }

    /** One cycle at {@code at}; answers the types of the events it stored. */
    Uni<List<EventType>> run(Instant at) {
        return StateRead.read(nemo, store, at, config.lookBack())
                .chain(read -> store.inTransaction(connection -> ToolDirectory.load(connection)
                        .chain(tools -> {
                            CycleEvents events = new CycleEvents();
                            ShutdownChanges.apply(read, tools, events);
                            return TaskChanges.apply(connection, read, tools, events)
                                    .chain(() -> OutageChanges.apply(connection, read, tools, events))
                                    .chain(() -> UsageChanges.apply(connection, read, tools))
                                    .map(usages -> events.around(usages))
                                    .call(() -> tools.write(connection))
                                    .call(() -> PollerProgress.advance(connection, PollerEvent.utc(at))
                                            .invoke(previous -> checkGap(previous, at)));
                        })));
    }

    private void checkGap(OffsetDateTime previous, Instant at) {
        if (previous == null) {
            return;
        }
        Duration away = Duration.between(previous.toInstant(), at);
        if (away.compareTo(config.lookBack()) > 0) {
            gaps.increment();
            LOG.warnf(
                    "NEMO was last read %s ago, longer than the look-back (%s): usages that started and ended in "
                            + "between may be missing. To recover them, restart once with NEMO_EMITTER_POLLER_LOOK_BACK above %s "
                            + "(README, Connecting NEMO)",
                    away, config.lookBack(), away);
        }
    }
}
