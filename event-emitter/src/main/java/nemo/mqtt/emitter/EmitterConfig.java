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

    // the NEMO poller's settings (nemo.emitter.poller.*): nemo.mqtt.emitter.nemo.PollerConfig

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

    /** The emitter's handling of its shard streams (their names and count: the shared {@code StreamsConfig}). */
    interface Streams {
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
        /**
         * Outbox rows moved to Redis per pipelined batch: one row per event, so about three times as
         * many stream entries (one per message).
         */
        @WithDefault("500")
        int batchSize();

        /** How often the relay sweeps for rows left behind (Redis outage, crash); new events wake it at once. */
        @WithDefault("1s")
        Duration sweepInterval();
    }
}
