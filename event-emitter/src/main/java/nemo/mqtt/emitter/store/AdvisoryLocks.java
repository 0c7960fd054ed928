package nemo.mqtt.emitter.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** PostgreSQL advisory locks held until the current transaction ends: one emitter replica at a time does a job. */
public final class AdvisoryLocks {

    private AdvisoryLocks() {}

    /**
     * Takes the lock if free, without waiting; must run inside a transaction. HQL, not native SQL: in
     * Hibernate 7.2 native selects miss the query-plan cache and pile up in it (see ToolSequences).
     */
    public static Uni<Boolean> tryLock(long key) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select function('pg_try_advisory_xact_lock', :key)", Boolean.class)
                        .setParameter("key", key)
                        .getSingleResult());
    }
}
