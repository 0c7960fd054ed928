package nemo.mqtt.emitter.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The client prepares a statement once per connection only when its SQL is within the pool's limit. */
class StatementCachingPoolTest {

    @Test
    void theGroupCommitsWriteIsKeptPrepared() {
        int length = EventWrites.INSERT_AND_UPDATE.length();
        assertTrue(
                length > 2_048 && length <= StatementCachingPool.SQL_LIMIT,
                "the write's SQL (" + length + " characters) must be within " + StatementCachingPool.SQL_LIMIT
                        + " and is over the client's default 2,048 this pool exists for");
    }
}
