package nemo.mqtt.emitter.state;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.jboss.logging.Logger;

import nemo.mqtt.emitter.outbox.OutboxRelay;
import nemo.mqtt.emitter.store.EventStore;
import nemo.mqtt.emitter.store.ToolStateRows;
import nemo.mqtt.service.OutageLog;

/** When a tool's next reservation begins, its retained next-reservation message moves on to the one after. */
@ApplicationScoped
public class NextReservationRefresher {

    private static final Logger LOG = Logger.getLogger(NextReservationRefresher.class);

    @Inject
    EventStore store;

    @Inject
    OutboxRelay relay;

    @Inject
    Pool pool;

    private final OutageLog outage;

    NextReservationRefresher(MeterRegistry registry) {
        this.outage = OutageLog.forLoop(LOG, "next-reservations", "Moving on the tools' next reservations", registry);
    }

    @Scheduled(
            every = "${nemo.emitter.next-refresh-interval:30s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return ToolStateRows.nextReservationStarted(pool, now)
                .onItem()
                .transformToMulti(started -> Multi.createFrom().iterable(started))
                .onItem()
                .transformToUniAndConcatenate(toolId -> store.refreshNext(toolId, now))
                .collect()
                .asList()
                .invoke(changed -> {
                    outage.recovered();
                    if (changed.contains(true)) {
                        relay.wake();
                    }
                })
                .onFailure()
                .invoke(outage::failed)
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }
}
