package nemo.mqtt.emitter.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import nemo.mqtt.emitter.nemo.NemoPoller;

/** Reports the NEMO poller: NEMO being down degrades the emitter (the REST API still works), it does not make it unready. */
@Readiness
@ApplicationScoped
public class PollerReadiness implements HealthCheck {

    @Inject
    NemoPoller poller;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("nemo-poller").up().withData("enabled", poller.enabled());
        if (poller.lastSuccess() != null) {
            response.withData("last_success", poller.lastSuccess().toString());
        }
        if (poller.lastError() != null) {
            response.withData("degraded", "NEMO unavailable: " + poller.lastError());
        }
        return response.build();
    }
}
