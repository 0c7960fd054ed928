package nemo.mqtt.emitter.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * A transaction whose BEGIN and COMMIT travel with its statements. The reactive client pipelines
 * the statements sent on a connection without waiting for answers (PostgreSQL runs them in order),
 * but its transaction API waits for BEGIN's answer and for every statement's before it sends
 * COMMIT: two round trips more per transaction. Here BEGIN and COMMIT are plain statements: send
 * BEGIN with the first statements and COMMIT with the last (e.g. {@code Uni.combine().all()}).
 *
 * <p>A failed statement aborts the transaction in PostgreSQL, which then answers a COMMIT with
 * ROLLBACK and no error: the caller must treat the transaction as failed when any of its statements
 * failed, not only the COMMIT. {@link #rollingBackOnFailure} sends ROLLBACK after any failure, so the
 * connection never goes back to the pool inside a transaction: the group commit sends a lone statement
 * as a transaction of its own, which on such a connection would join the open one instead.
 */
public final class PipelinedTransaction {

    private PipelinedTransaction() {}

    /** Opens the transaction; send the first statements at once after it. */
    public static Uni<Void> begin(SqlConnection connection) {
        return connection.query("begin").execute().replaceWithVoid();
    }

    /** Commits; send it at once after the last statements, and wait for all of them. */
    public static Uni<Void> commit(SqlConnection connection) {
        return connection.query("commit").execute().replaceWithVoid();
    }

    /** Rolls back to start over on the same connection. */
    public static Uni<Void> rollback(SqlConnection connection) {
        return connection.query("rollback").execute().replaceWithVoid();
    }

    /**
     * {@code work}, which began the transaction on {@code connection}; on its failure sends ROLLBACK
     * (a warning only when the transaction already ended) and then fails as it did.
     */
    public static <T> Uni<T> rollingBackOnFailure(SqlConnection connection, Uni<T> work) {
        return work.onFailure().call(() -> rollback(connection).onFailure().recoverWithNull());
    }
}
