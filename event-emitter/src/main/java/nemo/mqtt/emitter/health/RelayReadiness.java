package nemo.mqtt.emitter.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import nemo.mqtt.emitter.outbox.OutboxRelay;

/**
 * Ready while Redis is down, but saying so: events are still accepted and wait in the outbox
 * (PostgreSQL, which has its own readiness check, is what the emitter cannot do without).
 */
@Readiness
@ApplicationScoped
public class RelayReadiness implements HealthCheck {

    private final OutboxRelay relay;

    RelayReadiness(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        String failure = relay.failure();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox-relay").up()
                .withData("backlog", relay.backlog())
                .withData("oldest_unsent_ms", relay.oldestUnsent().toMillis());
        if (failure != null) {
            response.withData("degraded", "Redis unreachable, events wait in the outbox: " + failure);
        }
        return response.build();
    }
}
