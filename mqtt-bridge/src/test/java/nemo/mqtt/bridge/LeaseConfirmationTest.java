package nemo.mqtt.bridge;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Where Redis has a replica, a shard is published only under a lease a replica has too: if the
 * replica stops acknowledging, renewals are not confirmed and the replica stops publishing when its
 * last confirmed lease ends (a failover could promote a replica without the later renewals, and
 * another bridge take the shards); it owns them again once renewals replicate.
 */
@QuarkusTest
@QuarkusTestResource(value = ReplicatedRedisResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = BrokerTestResource.class, restrictToAnnotatedClass = true)
class LeaseConfirmationTest extends BridgeFixture {

    @Test
    void unconfirmedRenewalsStopPublishingWhenTheConfirmedLeaseEnds() {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ownership.ownedShards().size() == 8);
        // The replica stops acknowledging for longer than the lease (3 s) while the master goes on.
        CompletableFuture<String> asleep =
                CompletableFuture.supplyAsync(() -> ReplicatedRedisResource.replica.cli("DEBUG", "SLEEP", "8"));
        await().atMost(Duration.ofSeconds(7))
                .until(() -> ownership.ownedShards().isEmpty());
        asleep.join();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ownership.ownedShards().size() == 8);
    }
}
