package nemo.mqtt.bridge;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;

import nemo.mqtt.bridge.shard.ShardOwnership;

/** What the bridge's application tests look at: its Redis, and the shards this replica owns. */
abstract class BridgeFixture {

    @Inject
    RedisDataSource redis;

    @Inject
    ShardOwnership ownership;

    /** Waits (up to 30 s) until this replica, the only one, owns every shard of the default 8. */
    void awaitEveryShardOwned() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ownership.ownedShards().size() == 8);
    }
}
