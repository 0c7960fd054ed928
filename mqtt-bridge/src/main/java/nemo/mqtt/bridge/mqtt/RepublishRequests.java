package nemo.mqtt.bridge.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import org.jboss.logging.Logger;

import nemo.mqtt.bridge.BridgeConfig;
import nemo.mqtt.service.OutageLog;
import nemo.mqtt.service.StreamsConfig;
import nemo.mqtt.wire.Republish;
import nemo.mqtt.wire.WireTime;

/**
 * Asks the emitter to publish every tool's retained messages again (the wire module's
 * {@link Republish} request: one Redis key, SET here, taken by the emitter with GETDEL). Asked on
 * every new broker connection, since the broker may have lost them (no session: a first connection,
 * or a broker restarted without its state) or gone back to older ones (a broker killed between two
 * snapshots restarts from the last one, session included), and when their topics changed (a new
 * topic prefix).
 */
@ApplicationScoped
public class RepublishRequests {

    private static final Logger LOG = Logger.getLogger(RepublishRequests.class);

    private final Clock clock = Clock.systemUTC();

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    ObjectMapper mapper;

    @Inject
    BridgeConfig config;

    @Inject
    StreamsConfig streams;

    /** The key requests go to: {@code <stream key prefix>:republish}. */
    public String key() {
        return Republish.key(streams.keyPrefix());
    }

    /**
     * Sets the request with {@code reason} (one of the {@link Republish} reasons), retrying with
     * backoff for a few minutes while Redis is unreachable; never blocks the caller.
     */
    public void request(String reason) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put(Republish.REASON, reason);
        request.put(Republish.REQUESTED_BY, config.consumerName());
        request.put(Republish.REQUESTED_AT, WireTime.format(clock.instant()));
        String json;
        try {
            json = mapper.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // three strings always serialize
        }
        redis.value(String.class)
                .set(key(), json)
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10))
                .atMost(30)
                .subscribe()
                .with(
                        ignored -> LOG.infof("Asked the emitter to publish retained messages again (%s)", reason),
                        failure -> LOG.warnf(
                                "Could not ask for retained messages to be published again (%s): %s",
                                reason, OutageLog.describe(failure)));
    }
}
