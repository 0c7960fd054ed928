package nemo.mqtt.emitter.store;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.sqlclient.DatabaseException;

import nemo.mqtt.emitter.event.ToolEventDraft;
import nemo.mqtt.emitter.store.EventStore.Accepted;

/**
 * Group commit: requests that arrive together share one transaction ({@link GroupTransaction}, one
 * pipelined round trip for the whole group when the emitter knows its tools' states, else two,
 * instead of several per event). A request waits only while every lane ({@link
 * GroupCommitConfig#lanes}) is busy; then it joins the next group. Each request is
 * answered after its group committed. When a group's transaction fails, each of its requests is
 * tried again alone, so one bad event fails only its own request.
 */
@ApplicationScoped
public class GroupCommit {

    @Inject
    Pool pool;

    @Inject
    GroupTransaction transaction;

    private final int lanes;
    private final int maxEvents;
    private final DistributionSummary groupSizes;
    /** Requests waiting for a lane, in arrival order; guarded by this. */
    private final ArrayDeque<PendingRequest> waiting = new ArrayDeque<>();
    /** Lanes running a group; guarded by this. */
    private int busy;

    GroupCommit(GroupCommitConfig config, MeterRegistry registry) {
        this.lanes = config.lanes();
        this.maxEvents = config.maxEvents();
        this.groupSizes = DistributionSummary.builder("nemo.events.group.size")
                .description("Events stored per group commit transaction")
                .register(registry);
    }

    /**
     * Stores {@code drafts} all or nothing, in order, as {@link EventStore#accept} describes, and
     * gives one result per draft once committed; {@code reuse}: what an event_id stored with a
     * different event means.
     */
    Uni<List<Accepted>> submit(List<ToolEventDraft> drafts, PendingRequest.Reuse reuse) {
        return Uni.createFrom().emitter(answer -> {
            PendingRequest request = new PendingRequest(drafts, reuse, answer, Vertx.currentContext());
            synchronized (this) {
                waiting.add(request);
            }
            startGroup();
        });
    }

    /** Takes the waiting requests (up to maxEvents events, at least one request) into a free lane, if any. */
    private void startGroup() {
        List<PendingRequest> group = new ArrayList<>();
        synchronized (this) {
            if (busy == lanes || waiting.isEmpty()) {
                return;
            }
            busy++;
            int events = 0;
            while (!waiting.isEmpty()
                    && (group.isEmpty() || events + waiting.peek().size() <= maxEvents)) {
                events += waiting.peek().size();
                group.add(waiting.poll());
            }
        }
        commit(group).subscribe().with(done -> laneFreed(), failure -> laneFreed());
    }

    private void laneFreed() {
        synchronized (this) {
            busy--;
        }
        startGroup();
    }

    /** Runs {@code group} in one transaction and answers each request; never fails (every failure is answered). */
    private Uni<Void> commit(List<PendingRequest> group) {
        return pool.withConnection(connection -> transaction.run(connection, group, now()))
                .onItemOrFailure()
                .transformToUni((plan, failure) -> {
                    if (failure == null) {
                        groupSizes.record(plan.slots.size());
                        for (int i = 0; i < group.size(); i++) {
                            GroupPlan.Outcome outcome = plan.outcomes.get(i);
                            if (outcome.failure() != null) {
                                group.get(i).fail(outcome.failure());
                            } else {
                                group.get(i).complete(outcome.accepted());
                            }
                        }
                        return Uni.createFrom().voidItem();
                    }
                    if (group.size() == 1 || !rolledBack(failure)) {
                        group.forEach(request -> request.fail(failure));
                        return Uni.createFrom().voidItem();
                    }
                    return Multi.createFrom()
                            .iterable(group)
                            .onItem()
                            .transformToUniAndConcatenate(request -> commit(List.of(request)))
                            .collect()
                            .last();
                });
    }

    /**
     * Whether the transaction surely stored nothing: PostgreSQL refused a statement, or our code failed
     * before the commit. A lost connection may have lost the commit's answer only, so nothing is retried then.
     */
    private static boolean rolledBack(Throwable failure) {
        return failure instanceof DatabaseException || !(failure instanceof VertxException);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
