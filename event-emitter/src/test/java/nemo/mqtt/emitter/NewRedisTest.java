package nemo.mqtt.emitter;

import static nemo.mqtt.emitter.EmitterApi.postEnabled;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import nemo.mqtt.emitter.event.Shards;
import nemo.mqtt.testing.PostgresTestResource;
import nemo.mqtt.testing.SharedServices;

/**
 * The deliberate-migration switch: with {@code streams.new-redis-since} after the rows were sent, a
 * Redis without them is a new Redis on purpose, and the rollback guard does not send history again.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = NewRedisTest.MovedRedis.class, restrictToAnnotatedClass = true)
class NewRedisTest {

    /** Its own stream keys, and the switch set to a moment after everything this test sends. */
    public static class MovedRedis implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of(
                    "quarkus.redis.hosts",
                    "redis://127.0.0.1:" + SharedServices.redis().port(),
                    "nemo.streams.key-prefix",
                    "moved:events",
                    "nemo.emitter.streams.new-redis-since",
                    Instant.now().plus(Duration.ofHours(1)).toString());
        }

        @Override
        public void stop() {}
    }

    @Inject
    RedisDataSource redis;

    @Inject
    Shards shards;

    @Test
    void rowsSentBeforeAMoveToANewRedisAreNotSentAgain() {
        long tool = 6501;
        postEnabled(tool, "Ada");
        postEnabled(tool, "Ada");
        await().atMost(Duration.ofSeconds(20)).until(() -> entries(tool) == 6);
        redis.key(String.class).del(shards.streamKey(tool)); // the new Redis has none of them

        postEnabled(tool, "Ada");
        await().atMost(Duration.ofSeconds(20)).until(() -> entries(tool) >= 3);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> entries(tool) == 3);
    }

    private long entries(long tool) {
        return EmitterApi.entries(tool).size();
    }
}
