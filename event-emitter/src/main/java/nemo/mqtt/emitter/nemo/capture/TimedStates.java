package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import nemo.mqtt.emitter.outbox.OutboxRelay;
import nemo.mqtt.emitter.store.EventStore;
import nemo.mqtt.service.OutageLog;

/**
 * What the clock changes on the replica that captures: a scheduled outage starts and ends at its
 * times (outage_started / outage_ended, ids from NemoEventIds so a replay or the poller adds
 * nothing), and a delayed logoff that has passed leaves the tool idle (its status published again
 * through EventStore#refreshCondition). Runs every {@code timed-interval}, never while a batch of
 * changes is being stored.
 */
@ApplicationScoped
class TimedStates {

    private static final Logger LOG = Logger.getLogger(TimedStates.class);

    @Inject
    CaptureSource source;

    @Inject
    CaptureBatches batches;

    @Inject
    ChangeApplier applier;

    @Inject
    EventStore store;

    @Inject
    OutboxRelay relay;

    private final OutageLog outage;

    TimedStates(MeterRegistry registry) {
        this.outage = OutageLog.forLoop(LOG, "capture-timed-states", "Starting and ending scheduled outages", registry);
    }

    @Scheduled(
            every = "${nemo.emitter.capture.timed-interval:1s}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = CaptureSource.Disabled.class)
    Uni<Void> tick() {
        if (!source.holdsLease() || !batches.tryWriting()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Panache.withTransaction(() ->
                        outages(now).chain(n -> delayedLogoffs(now).map(m -> n + m)))
                .invoke(changed -> {
                    outage.recovered();
                    if (changed > 0) {
                        relay.wake();
                    }
                })
                .onFailure()
                .invoke(outage::failed)
                .onFailure()
                .recoverWithItem(0)
                .eventually(batches::doneWriting)
                .replaceWithVoid();
    }

    /** Outages whose start or end the clock has passed and that were not reported yet. */
    private Uni<Integer> outages(OffsetDateTime now) {
        return CapturedOutage.<CapturedOutage>list("ended = false and (startTime <= ?1 or endTime <= ?1)", now)
                .chain(due -> {
                    CaptureView view = CaptureView.empty();
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (CapturedOutage o : due) {
                        chain = chain.chain(count -> ScheduleChanges.outageDue(view, o, now)
                                .chain(applier::store)
                                .map(n -> count + n));
                    }
                    return chain;
                });
    }

    /** Tools still shown in delayed logoff whose delayed logoff has passed. */
    private Uni<Integer> delayedLogoffs(OffsetDateTime now) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select toolId from ToolState where state = 'delayed_logoff' and delayedLogoffUntil <= :now",
                                Long.class)
                        .setParameter("now", now)
                        .getResultList())
                .chain((List<Long> tools) -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (long tool : tools) {
                        chain = chain.chain(
                                count -> store.refreshCondition(tool, now).map(changed -> count + (changed ? 1 : 0)));
                    }
                    return chain;
                });
    }
}
