package nemo.mqtt.emitter.nemo.capture;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import nemo.mqtt.emitter.event.ToolEventDraft;
import nemo.mqtt.emitter.store.EventStore;

/**
 * Turns NEMO row changes into the emitter's events and stores them, in order, inside the caller's
 * transaction (EventStore#acceptWithin: the ids are NemoEventIds, so an event the poller or an
 * earlier delivery already stored is a duplicate, never an error).
 */
@ApplicationScoped
class ChangeApplier {

    private static final Logger LOG = Logger.getLogger(ChangeApplier.class);

    @Inject
    EventStore store;

    /** Applies {@code changes} in commit order; answers how many events were stored (duplicates included). */
    Uni<Integer> apply(List<NemoChange> changes) {
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (NemoChange change : changes) {
            chain = chain.chain(count -> drafts(change)
                    .invoke(drafts -> LOG.debugf(
                            "%s %s %d: %d event(s)", change.op(), change.table(), change.id(), drafts.size()))
                    .chain(this::store)
                    .map(n -> count + n));
        }
        return chain;
    }

    /** Stores {@code drafts} in order within the current transaction; answers how many. */
    Uni<Integer> store(List<ToolEventDraft> drafts) {
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (ToolEventDraft draft : drafts) {
            chain = chain.chain(count -> store.acceptWithin(draft).replaceWith(count + 1));
        }
        return chain;
    }

    /** The events of one change; NEMO's table names are case-sensitive ("NEMO_usageevent"). */
    static Uni<List<ToolEventDraft>> drafts(NemoChange change) {
        return switch (change.table()) {
            case "NEMO_usageevent" -> UsageChanges.apply(change);
            case "NEMO_task" -> TaskChanges.apply(change);
            case "NEMO_tool" -> ToolChanges.apply(change);
            case "NEMO_user" -> ToolChanges.user(change);
            case "NEMO_reservation" -> ScheduleChanges.reservation(change);
            case "NEMO_scheduledoutage" -> ScheduleChanges.outage(change);
            default -> Uni.createFrom().item(List.of());
        };
    }

    /** The tables captured, for the engine's include list and the DBA's publication. */
    static final List<String> TABLES = List.of(
            "NEMO_usageevent", "NEMO_task", "NEMO_tool", "NEMO_user", "NEMO_reservation", "NEMO_scheduledoutage");
}
