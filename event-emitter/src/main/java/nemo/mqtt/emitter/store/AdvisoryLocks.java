package nemo.mqtt.emitter.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** PostgreSQL's transaction-scoped advisory locks: one replica at a time does a job (the relay, the NEMO poller). */
public final class AdvisoryLocks {

    private static final String TRY_LOCK = "select pg_try_advisory_xact_lock($1)";

    private AdvisoryLocks() {}

    /**
     * Takes the advisory lock {@code key} in the transaction on {@code connection} if free, without
     * waiting (released at its commit or rollback); true when taken.
     */
    public static Uni<Boolean> tryLock(SqlConnection connection, long key) {
        return connection
                .preparedQuery(TRY_LOCK)
                .execute(Tuple.of(key))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }
}
