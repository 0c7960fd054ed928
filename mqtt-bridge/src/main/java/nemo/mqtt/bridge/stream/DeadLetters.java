package nemo.mqtt.bridge.stream;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import nemo.mqtt.bridge.BridgeConfig;
import nemo.mqtt.service.StreamsConfig;
import nemo.mqtt.wire.RedisKeys;

/**
 * Entries the broker can never take (no topic, invalid topic, refused) go to the dead-letter stream
 * with the reason: {@code <stream-prefix>:dead} ({@link RedisKeys#deadLetters}), where the monitor
 * counts them.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final ReactiveStreamCommands<String, String, String> commands;
    private final Counter deadLettered;
    private final String stream;

    DeadLetters(ReactiveRedisDataSource redis, MeterRegistry registry, BridgeConfig config, StreamsConfig streams) {
        this.stream = RedisKeys.deadLetters(streams.keyPrefix());
        this.commands = redis.stream(String.class);
        this.deadLettered = registry.counter("nemo.bridge.dead.lettered");
    }

    public Uni<Void> add(Entry entry, String reason) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("stream", entry.stream());
        fields.put("entry_id", entry.id());
        fields.put("topic", String.valueOf(entry.topic()));
        fields.put("payload", String.valueOf(entry.payload()));
        fields.put("event_id", String.valueOf(entry.eventId()));
        fields.put("reason", reason);
        return commands.xadd(stream, fields)
                .invoke(id -> {
                    deadLettered.increment();
                    LOG.warnf("Entry %s of %s dead-lettered: %s", entry.id(), entry.stream(), reason);
                })
                .replaceWithVoid();
    }
}
