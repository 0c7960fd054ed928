package nemo.mqtt.bridge.health;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import nemo.mqtt.bridge.BridgeConfig;

/**
 * Keeps two live replicas from sharing one consumer name: they would take the broker session (same
 * client id) from each other forever. A replica starts only once it has written its first heartbeat
 * into a free heartbeat key (SET NX). If the key is taken, it watches it for up to its remaining
 * time to live: a heartbeat that expires unchanged was a dead process's, such as this pod's previous
 * run, and the name is taken over; one that is rewritten meanwhile has a live writer, and this
 * replica refuses to start.
 */
@ApplicationScoped
public class ConsumerNameGuard {

    private static final Logger LOG = Logger.getLogger(ConsumerNameGuard.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int ROUNDS = 3;

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final Heartbeat heartbeat;
    private final String name;

    ConsumerNameGuard(ReactiveRedisDataSource redis, Heartbeat heartbeat, BridgeConfig config) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.heartbeat = heartbeat;
        this.name = config.consumerName();
    }

    /**
     * @return completes once this process holds its consumer name; fails with
     *         {@link DuplicateConsumerNameException} while another live replica holds it
     */
    public Uni<Void> claim() {
        return claim(ROUNDS);
    }

    private Uni<Void> claim(int roundsLeft) {
        return heartbeat.claim().chain(claimed -> {
            if (claimed) {
                LOG.debugf("Consumer name %s held by instance %s", name, heartbeat.instance());
                return Uni.createFrom().voidItem();
            }
            if (roundsLeft <= 1) {
                return Uni.createFrom().failure(refusal("its heartbeat keeps coming back"));
            }
            return values.get(heartbeat.key())
                    .chain(seen -> seen != null && seen.contains(mine())
                            ? Uni.createFrom().voidItem()
                            : seen == null
                                    ? claim(roundsLeft - 1)
                                    : waitForChange(seen)
                                            .chain(now -> now == null
                                                    ? claim(roundsLeft - 1)
                                                    : Uni.createFrom()
                                                            .failure(refusal("its heartbeat is being renewed"))));
        });
    }

    /** The heartbeat once it differs from {@code seen} (null: expired), waiting at most its time to live. */
    private Uni<String> waitForChange(String seen) {
        return redis.key().pttl(heartbeat.key()).chain(pttl -> {
            if (pttl < 0 && pttl != -2) {
                return Uni.createFrom().failure(refusal("its heartbeat key " + heartbeat.key() + " never expires"));
            }
            LOG.infof(
                    "Consumer name %s has a heartbeat %d ms old at most; waiting to see whether its writer lives",
                    name, Math.max(0, heartbeat.ttl().toMillis() - pttl));
            Duration limit =
                    Duration.ofMillis(Math.max(pttl, 0)).plus(heartbeat.ttl()).plusSeconds(1);
            return Multi.createFrom()
                    .ticks()
                    .every(POLL)
                    .onItem()
                    .transformToUniAndConcatenate(
                            tick -> values.get(heartbeat.key()).map(Optional::ofNullable))
                    .filter(now -> !Objects.equals(now.orElse(null), seen))
                    .toUni()
                    .map(now -> now.orElse(null))
                    .ifNoItem()
                    .after(limit)
                    .failWith(() -> refusal("its heartbeat neither expires nor changes"));
        });
    }

    /** How this process's own heartbeat says who wrote it (a claim retried after its reply was lost). */
    private String mine() {
        return "\"instance\":\"" + heartbeat.instance() + "\"";
    }

    private DuplicateConsumerNameException refusal(String why) {
        return new DuplicateConsumerNameException("Another live replica uses the consumer name '" + name + "' ("
                + why + "): two replicas with one name take the broker session from each other. Give each replica "
                + "its own nemo.bridge.consumer-name (NEMO_BRIDGE_CONSUMER_NAME, default the host name).");
    }

    /** Thrown at startup while another live replica holds this replica's consumer name. */
    public static final class DuplicateConsumerNameException extends IllegalStateException {
        DuplicateConsumerNameException(String message) {
            super(message);
        }
    }
}
