package nemo.mqtt.emitter.nemo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

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

    @Inject
    Pool pool;

    /**
     * Runs {@code work} (which records what it saw on the connection it is given and answers the
     * events to store, in order) in a transaction holding the poller's lock; answers the types of the
     * events newly stored (none when another replica holds the lock).
     */
    Uni<List<EventType>> inTransaction(Function<SqlConnection, Uni<List<PollerEvent>>> work) {
        return pool.withTransaction(connection -> AdvisoryLocks.tryLock(connection, POLLER_LOCK)
                .chain(locked -> locked
                        ? work.apply(connection).chain(events -> emit(connection, events))
                        : Uni.createFrom().item(List.<EventType>of())));
    }

    /** The poller's records of usages it reported running, read outside any cycle's transaction. */
    Uni<List<PolledUsage>> openUsages() {
        return PolledUsage.TABLE.where(pool, PolledUsage.OPEN);
    }

    private Uni<List<EventType>> emit(SqlConnection connection, List<PollerEvent> events) {
        return store.acceptWithin(
                        connection, events.stream().map(PollerEvent::draft).toList())
                .map(accepted -> {
                    List<EventType> types = new ArrayList<>();
                    for (int i = 0; i < accepted.size(); i++) {
                        if (!accepted.get(i).duplicate()) {
                            types.add(events.get(i).type());
                        }
                    }
                    return types;
                });
    }
}
