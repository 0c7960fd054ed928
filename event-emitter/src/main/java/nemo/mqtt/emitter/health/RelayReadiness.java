package nemo.mqtt.emitter.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import nemo.mqtt.emitter.outbox.OutboxRelay;

/**
 * Ready while Redis is down, but saying so: events are still accepted and wait in the outbox
 * (PostgreSQL, which has its own readiness check, is what the emitter cannot do without). Not ready
 * when the relay keeps failing although Redis answers (a cluster refusing its commands, a key of
 * the wrong type): then nothing accepted would ever be delivered, and an UP would hide it.
 */
@Readiness
@ApplicationScoped
public class RelayReadiness implements AsyncHealthCheck {

    /** Failed runs in a row (one a sweep, every second by default) before a reachable Redis counts as refusing. */
    static final int RUNS_BEFORE_DOWN = 3;

    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    @Inject
    OutboxRelay relay;

    @Inject
    Redis redis;

    /** UP (maybe degraded) or DOWN, with the backlog; asks Redis for a PING only while the relay fails. */
    @Override
    public Uni<HealthCheckResponse> call() {
        String failure = relay.failure();
        if (failure == null || relay.failedRunsInARow() < RUNS_BEFORE_DOWN) {
            HealthCheckResponseBuilder up = response().up();
            if (failure != null) {
                up.withData("degraded", "relay failing, retrying: " + failure);
            }
            return Uni.createFrom().item(up.build());
        }
        return redis.send(Request.cmd(Command.PING))
                .ifNoItem()
                .after(PING_TIMEOUT)
                .fail()
                .map(pong -> response()
                        .down()
                        .withData("failing", "Redis answers but the relay cannot deliver: " + failure)
                        .build())
                .onFailure()
                .recoverWithItem(() -> response()
                        .up()
                        .withData("degraded", "Redis unreachable, events wait in the outbox: " + failure)
                        .build());
    }

    private HealthCheckResponseBuilder response() {
        return HealthCheckResponse.named("outbox-relay")
                .withData("backlog", relay.backlog())
                .withData("oldest_unsent_ms", relay.oldestUnsent().toMillis());
    }
}
