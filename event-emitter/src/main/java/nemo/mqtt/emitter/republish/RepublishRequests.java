package nemo.mqtt.emitter.republish;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import org.jboss.logging.Logger;

import nemo.mqtt.service.OutageLog;
import nemo.mqtt.service.StreamsConfig;
import nemo.mqtt.wire.Republish;

/**
 * Serves the republish requests bridges (a CONNACK without a session: the broker may have lost its
 * retained messages) and the monitor (an admin's button) leave in Redis as the string
 * {@link Republish#key} (wire contract). Taken with GETDEL, so one replica serves each, requests made
 * together are served once, and those made while no emitter ran are served at start. A request that
 * could not be served is put back (unless a newer one is there).
 */
@ApplicationScoped
public class RepublishRequests {

    private static final Logger LOG = Logger.getLogger(RepublishRequests.class);
    /** Reasons counted under their own name; anything else counts as "other" (metric tags stay few). */
    static final Set<String> KNOWN_REASONS = Set.of(
            Republish.BROKER_SESSION_LOST,
            Republish.BROKER_RECONNECTED,
            Republish.TOPIC_PREFIX_CHANGED,
            Republish.ADMIN_REQUEST,
            RepublishResource.REASON,
            FormChangeCheck.REASON);

    private final ReactiveValueCommands<String, String> values;
    private final String key;

    @Inject
    Republisher republisher;

    @Inject
    FormChangeCheck formCheck;

    private final MeterRegistry registry;
    private final OutageLog outage;

    RepublishRequests(ReactiveRedisDataSource redis, StreamsConfig streams, MeterRegistry registry) {
        this.values = redis.value(String.class);
        this.key = Republish.key(streams.keyPrefix());
        this.registry = registry;
        this.outage = OutageLog.forLoop(LOG, "republish-requests", "Serving republish requests from Redis", registry);
    }

    @Scheduled(
            every = "${nemo.emitter.republish.poll-interval:1s}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return formCheck
                .retryIfPending()
                .chain(() -> values.getdel(key))
                .chain(request -> request == null ? Uni.createFrom().voidItem() : serve(request))
                .invoke(outage::recovered)
                .onFailure()
                .invoke(outage::failed)
                .onFailure()
                .recoverWithNull();
    }

    private Uni<Void> serve(String request) {
        JsonObject json;
        try {
            json = new JsonObject(request);
        } catch (RuntimeException e) {
            json = new JsonObject();
        }
        String reason = loggable(json.getValue(Republish.REASON));
        LOG.infof(
                "Republish requested by %s (reason %s, at %s): publishing every tool's retained messages again",
                loggable(json.getValue(Republish.REQUESTED_BY)),
                reason,
                loggable(json.getValue(Republish.REQUESTED_AT)));
        registry.counter("nemo.republish", "reason", KNOWN_REASONS.contains(reason) ? reason : "other")
                .increment();
        return republisher
                .republishAll()
                .invoke(tools -> LOG.infof("Republish (%s): %d tools queued", reason, tools))
                .onFailure()
                .call(e -> {
                    LOG.warnf(
                            "Republish (%s) failed, the request is kept for the next poll: %s", reason, e.getMessage());
                    return values.setnx(key, request);
                })
                .replaceWithVoid();
    }

    /** Request fields come from anyone who can write to Redis: one line, printable, short. */
    static String loggable(Object value) {
        if (value == null) {
            return "(unknown)";
        }
        String text = value.toString().replaceAll("[^\\x20-\\x7E]", "?");
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }
}
