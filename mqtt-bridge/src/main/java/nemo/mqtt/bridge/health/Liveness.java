package nemo.mqtt.bridge.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import nemo.mqtt.bridge.BridgeConfig;
import nemo.mqtt.bridge.shard.ShardOwnership;

/**
 * Live unless wedged: the shard ownership loop runs every renew interval even while Redis or the
 * broker is down, so only a stuck event loop stops it. Outages are readiness's business.
 */
@org.eclipse.microprofile.health.Liveness
@ApplicationScoped
public class Liveness implements HealthCheck {

    private final ShardOwnership ownership;
    private final Duration limit;

    Liveness(ShardOwnership ownership, BridgeConfig config) {
        this.ownership = ownership;
        this.limit = config.lease().renewInterval().multipliedBy(10).plusSeconds(30);
    }

    @Override
    public HealthCheckResponse call() {
        Duration since = ownership.sinceLastTick();
        return HealthCheckResponse.named("delivery-loop")
                .status(since.compareTo(limit) < 0)
                .withData("since_last_run_ms", since.toMillis())
                .build();
    }
}
