package nemo.mqtt.bridge.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import nemo.mqtt.bridge.mqtt.BrokerConnection;

/** Not ready while the broker is unreachable: entries wait in Redis meanwhile. Redis has its own check. */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    @Inject
    BrokerConnection broker;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("mqtt-broker")
                .status(broker.isConnected())
                .build();
    }
}
