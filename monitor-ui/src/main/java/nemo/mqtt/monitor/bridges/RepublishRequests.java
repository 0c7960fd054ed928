package nemo.mqtt.monitor.bridges;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

import nemo.mqtt.service.StreamsConfig;
import nemo.mqtt.wire.Republish;
import nemo.mqtt.wire.WireTime;

/**
 * Asks the event emitter to publish every tool's retained messages again (after a broker lost
 * them): sets the request key of {@link Republish} ({@code <stream key prefix>:republish}) to
 * {@code {"reason":"admin_request","requested_by":"<user>","requested_at":"<wire time>"}}. The
 * emitter takes it with GETDEL, so requests made together are served once, and a request made
 * while no emitter runs waits for one.
 */
@ApplicationScoped
public class RepublishRequests {

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    StreamsConfig streams;

    /** Sets the request on behalf of {@code user}; fails when Redis cannot be reached. */
    public Uni<Void> request(String user) {
        String request = new JsonObject()
                .put(Republish.REASON, Republish.ADMIN_REQUEST)
                .put(Republish.REQUESTED_BY, user)
                .put(Republish.REQUESTED_AT, WireTime.format(Instant.now()))
                .encode();
        return redis.value(String.class).set(Republish.key(streams.keyPrefix()), request);
    }
}
