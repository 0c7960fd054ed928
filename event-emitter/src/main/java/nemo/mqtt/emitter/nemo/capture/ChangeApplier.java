package nemo.mqtt.emitter.nemo.capture;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.jboss.logging.Logger;

import nemo.mqtt.emitter.event.ToolEventDraft;
import nemo.mqtt.emitter.store.EventStore;

/**
 * Turns NEMO row changes into the emitter's events and stores them in order (EventStore#acceptReported:
 * the ids are NemoEventIds, so an event the poller or an earlier delivery already stored is a
 * duplicate, never an error).
 */
@ApplicationScoped
class ChangeApplier {

    private static final Logger LOG = Logger.getLogger(ChangeApplier.class);

    @Inject
    EventStore store;

    /**
     * Applies {@code changes} in commit order to the captured rows (written, after the events, in the
     * transaction the caller holds on {@code connection}) and stores their events in their own
     * transaction, which has committed when this answers: a caller whose own commit fails replays
     * the changes, and the events' ids (NemoEventIds) make that a no-op. Answers how many events
     * were stored (duplicates included). The captured rows are read up front ({@link CaptureView}),
     * so a part of changes costs a fixed number of round trips, not a few per change.
     */
    Uni<Integer> apply(SqlConnection connection, List<NemoChange> changes) {
        return CaptureView.of(connection, changes)
                .chain(view -> Multi.createFrom()
                        .iterable(changes)
                        .onItem()
                        .transformToUniAndConcatenate(change -> drafts(view, change)
                                .invoke(drafts -> LOG.debugf(
                                        "%s %s %d: %d event(s)",
                                        change.op(), change.table(), change.id(), drafts.size())))
                        .collect()
                        .in(ArrayList<ToolEventDraft>::new, List::addAll)
                        .chain(drafts -> store.acceptReported(drafts).map(List::size))
                        .call(view::write));
    }

    /** The events of one change; NEMO's table names are case-sensitive ("NEMO_usageevent"). */
    static Uni<List<ToolEventDraft>> drafts(CaptureView view, NemoChange change) {
        return switch (change.table()) {
            case NemoChange.USAGE_EVENTS -> UsageChanges.apply(view, change);
            case NemoChange.TASKS -> TaskChanges.apply(view, change);
            case NemoChange.TOOLS -> ToolChanges.apply(view, change);
            case NemoChange.USERS -> ToolChanges.user(view, change);
            case NemoChange.RESERVATIONS -> ScheduleChanges.reservation(view, change);
            case NemoChange.OUTAGES -> ScheduleChanges.outage(view, change);
            default -> Uni.createFrom().item(List.of());
        };
    }

    /** The tables captured, for the engine's include list and the DBA's publication. */
    static final List<String> TABLES = List.of(
            NemoChange.USAGE_EVENTS,
            NemoChange.TASKS,
            NemoChange.TOOLS,
            NemoChange.USERS,
            NemoChange.RESERVATIONS,
            NemoChange.OUTAGES);
}
