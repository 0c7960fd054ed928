package nemo.mqtt.emitter.nemo.capture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the change data capture: DOWN when NEMO's slot was invalidated or vanished (changes were
 * lost: a person must act, see the README); otherwise UP, naming this replica's role (capturing or
 * standby), the lag, and as {@code degraded} the last failure while the engine restarts.
 */
@Readiness
@ApplicationScoped
public class CaptureReadiness implements HealthCheck {

    @Inject
    CaptureSource source;

    @Inject
    CaptureMetrics metrics;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("nemo-capture").up().withData("enabled", source.enabled());
        if (!source.enabled()) {
            return response.build();
        }
        response.withData("role", source.running() ? "capturing" : source.holdsLease() ? "starting" : "standby");
        if (source.holdsLease()) {
            response.withData("lag_seconds", String.valueOf(metrics.lagSeconds()))
                    .withData("lag_bytes", (long) metrics.lagBytes());
        }
        if (source.slotLost()) {
            return response.down()
                    .withData(
                            "error",
                            "NEMO's replication slot was invalidated or dropped: "
                                    + "changes were lost and the capture stopped")
                    .build();
        }
        if (source.lastError() != null) {
            response.withData("degraded", source.lastError());
        }
        return response.build();
    }
}
