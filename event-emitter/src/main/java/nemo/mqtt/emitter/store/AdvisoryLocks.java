package nemo.mqtt.emitter.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** PostgreSQL advisory locks held until the current transaction ends: one emitter replica at a time does a job. */
public final class AdvisoryLocks {

    private AdvisoryLocks() {
    }

    /** Takes the lock if free, without waiting; must run inside a transaction. */
    public static Uni<Boolean> tryLock(long key) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select pg_try_advisory_xact_lock(" + key + ")", Boolean.class)
                .getSingleResult());
    }
}
