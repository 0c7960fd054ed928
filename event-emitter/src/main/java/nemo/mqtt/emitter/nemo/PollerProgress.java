package nemo.mqtt.emitter.nemo;

import java.time.OffsetDateTime;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** When the poller last read NEMO's state successfully (nemo_poller_progress: one row, kept across restarts). */
final class PollerProgress {

    /** The CTE reads the row as it was before the upsert (one snapshot for the whole statement). */
    private static final String ADVANCE = """
            with previous as (select last_success from nemo_poller_progress where id = 1)
            insert into nemo_poller_progress (id, last_success) values (1, $1)
            on conflict (id) do update set last_success = excluded.last_success
            returning (select last_success from previous)""";

    private PollerProgress() {}

    /**
     * Records a successful read at {@code now} in the cycle's transaction on {@code connection};
     * answers the previous one (null the first time ever).
     */
    static Uni<OffsetDateTime> advance(SqlConnection connection, OffsetDateTime now) {
        return connection
                .preparedQuery(ADVANCE)
                .execute(Tuple.of(now))
                .map(rows -> rows.iterator().next().getOffsetDateTime(0));
    }
}
