package nemo.mqtt.emitter.store;

import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;

/**
 * The emitter's PostgreSQL pool, as Quarkus configures it, with one change: the client keeps prepared
 * statements of up to {@link #SQL_LIMIT} characters (its default, 2,048, is shorter than the group
 * commit's write, {@link EventWrites}, which it would otherwise prepare, and PostgreSQL plan, on
 * every execution). Quarkus calls this bean to create the pool (its {@link PgPoolCreator} hook).
 */
@Singleton
public class StatementCachingPool implements PgPoolCreator {

    /** Characters of SQL up to which a statement is prepared once per connection and kept. */
    static final int SQL_LIMIT = 16_384;

    @Override
    public Pool create(Input input) {
        input.pgConnectOptionsList().forEach(options -> options.setPreparedStatementCacheSqlLimit(SQL_LIMIT));
        return PgBuilder.pool()
                .with(input.poolOptions())
                .connectingTo(List.<SqlConnectOptions>copyOf(input.pgConnectOptionsList()))
                .using(input.vertx())
                .build();
    }
}
