package nemo.mqtt.emitter;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the event-emitter (prefix {@code nemo.emitter}). */
@ConfigMapping(prefix = "nemo.emitter")
public interface EmitterConfig {

    /** Named API tokens accepted as {@code Authorization: Bearer <token>}; blank ones are ignored. */
    Map<String, String> apiTokens();

    /** First level of every MQTT topic. */
    @WithDefault("nemo")
    String topicPrefix();

    Streams streams();

    Signing signing();

    Poller poller();

    interface Poller {
        /** Poll a NEMO server's REST API and turn what changed into events. */
        @WithDefault("false")
        boolean enabled();

        /** NEMO's base URL, e.g. https://nemo.lab.example (the API is under /api/). */
        Optional<String> baseUrl();

        /** NEMO API token, sent as {@code Authorization: Token <key>}; from a Secret, never logged. */
        Optional<String> token();

        /** How often running usages are read. */
        @WithDefault("5s")
        Duration usageInterval();

        /** How often tool status (shutdown, problems, names) is read. */
        @WithDefault("30s")
        Duration statusInterval();

        /** How far back each cycle also looks for usages that started or ended, to catch short runs between polls. */
        @WithDefault("15m")
        Duration lookBack();

        /** Waits after a failure grow from this... */
        @WithDefault("5s")
        Duration backoffInitial();

        /** ...to at most this. */
        @WithDefault("5m")
        Duration backoffMax();
    }

    /** How often tools whose next reservation has begun get their next one published. */
    @WithDefault("30s")
    Duration nextRefreshInterval();

    /** Upper bound of events in one batch POST. */
    @WithDefault("500")
    int maxBatchSize();

    interface Signing {
        /** HMAC-SHA256 key; when set, every payload is wrapped in the signed envelope. From a Secret, never logged. */
        Optional<String> key();
    }

    Relay relay();

    interface Streams {
        /** Stream keys are {@code <key-prefix>:<shard>}. */
        @WithDefault("nemo:events")
        String keyPrefix();

        /** Number of shard streams; a tool always maps to the same one. */
        @WithDefault("8")
        int shards();

        /** How often streams are trimmed of entries every consumer group has acknowledged. */
        @WithDefault("60s")
        Duration trimInterval();

        /** Entries younger than this are kept even when acknowledged (the relay's duplicate check reads them). */
        @WithDefault("10m")
        Duration minRetention();

        /**
         * The deliberate-migration switch: the moment (ISO-8601, e.g. {@code 2026-11-30T14:00:00Z}) this
         * installation moved to a new Redis on purpose. Rows sent before it are never relayed again, so
         * the rollback guard does not take the new, empty streams for a Redis that lost them and re-send
         * the last {@link #minRetention()} of history. Rows sent after it are guarded as usual, so it may
         * stay set. Environment: {@code NEMO_EMITTER_STREAMS_NEW_REDIS_SINCE}.
         */
        Optional<java.time.Instant> newRedisSince();
    }

    interface Relay {
        /** Outbox rows moved to Redis per pipelined batch. */
        @WithDefault("500")
        int batchSize();

        /** How often the relay sweeps for rows left behind (Redis outage, crash); new events wake it at once. */
        @WithDefault("1s")
        Duration sweepInterval();
    }
}
