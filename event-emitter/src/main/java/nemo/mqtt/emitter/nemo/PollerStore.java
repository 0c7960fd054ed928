package nemo.mqtt.emitter.nemo;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.store.AdvisoryLocks;
import nemo.mqtt.emitter.store.EventStore;

/**
 * Stores a cycle's events together with the poller's records of them, in one transaction that one
 * emitter replica at a time may run: a restart reports nothing twice, a second replica skips.
 */
@ApplicationScoped
class PollerStore {

    private static final long POLLER_LOCK = 0x4E454D4F_504F4C4CL; // "NEMOPOLL"

    @Inject
    EventStore store;

    /**
     * Runs {@code work} (which records what it saw and answers the events to store, in order) in a
     * transaction holding the poller's lock; answers the types of the events newly stored (none when
     * another replica holds the lock).
     */
    Uni<List<EventType>> inTransaction(java.util.function.Supplier<Uni<List<PollerEvent>>> work) {
        return Panache.withTransaction(() -> AdvisoryLocks.tryLock(POLLER_LOCK)
                .chain(locked ->
                        locked ? work.get().chain(this::emit) : Uni.createFrom().item(List.<EventType>of())));
    }

    /** Persists {@code records} in the current session (nothing to do for none). */
    static Uni<Void> persistAll(List<?> records) {
        return records.isEmpty()
                ? Uni.createFrom().voidItem()
                : Panache.getSession().chain(session -> session.persistAll(records.toArray()));
    }

    private Uni<List<EventType>> emit(List<PollerEvent> events) {
        Uni<List<EventType>> stored = Uni.createFrom().item(new ArrayList<>());
        for (PollerEvent event : events) {
            stored = stored.chain(types -> store.acceptWithin(event.draft()).map(accepted -> {
                if (!accepted.duplicate()) {
                    types.add(event.type());
                }
                return types;
            }));
        }
        return stored;
    }
}
