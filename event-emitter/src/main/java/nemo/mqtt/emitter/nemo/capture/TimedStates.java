package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.jboss.logging.Logger;

import nemo.mqtt.emitter.event.ToolEventDraft;
import nemo.mqtt.emitter.outbox.OutboxRelay;
import nemo.mqtt.emitter.store.EventStore;
import nemo.mqtt.emitter.store.ToolStateRows;
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
    EventStore store;

    @Inject
    OutboxRelay relay;

    @Inject
    Pool pool;

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
        return pool.withTransaction(connection -> outages(connection, now)
                        .chain(n -> delayedLogoffs(connection, now).map(m -> n + m)))
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
    private Uni<Integer> outages(SqlConnection connection, OffsetDateTime now) {
        CaptureView view = CaptureView.empty(connection);
        return view.outagesDue(now)
                .chain(due -> Multi.createFrom()
                        .iterable(due)
                        .onItem()
                        .transformToUniAndConcatenate(o -> ScheduleChanges.outageDue(view, o, now))
                        .collect()
                        .in(ArrayList<ToolEventDraft>::new, List::addAll))
                .chain(drafts -> store.acceptWithin(connection, drafts).map(List::size))
                .call(view::write);
    }

    /** Tools still shown in delayed logoff whose delayed logoff has passed. */
    private Uni<Integer> delayedLogoffs(SqlConnection connection, OffsetDateTime now) {
        return ToolStateRows.delayedLogoffPassed(connection, now).chain(tools -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (long tool : tools) {
                chain = chain.chain(count ->
                        store.refreshCondition(connection, tool, now).map(changed -> count + (changed ? 1 : 0)));
            }
            return chain;
        });
    }
}
