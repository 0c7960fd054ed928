package nemo.mqtt.wire;

import java.util.Locale;

/**
 * The fields of the heartbeat each bridge replica writes every few seconds to
 * {@link RedisKeys#heartbeat} (a JSON object that expires after three missed beats), read by
 * monitor-ui's bridges page; every heartbeat has them all (the errors may be null). Each field's JSON
 * name is {@link #field()}; {@code docs/asyncapi.yaml} ({@code BridgeHeartbeat}) describes the values:
 * {@code instance} is new at every start, {@code lag} and {@code pending} map each owned shard's
 * number to its count.
 */
public enum BridgeHeartbeat {
    REPLICA,
    INSTANCE,
    VERSION,
    OWNED_SHARDS,
    BROKER_CONNECTED,
    BROKER,
    SETTINGS_VERSION,
    SETTINGS_ERROR,
    LAST_ERROR,
    IN_FLIGHT,
    PUBLISHED,
    ACKED,
    RECONNECTS,
    DEAD_LETTERED,
    LAG,
    PENDING,
    UPDATED_AT;

    /** @return the field's name in the JSON document, such as {@code owned_shards} */
    public String field() {
        return name().toLowerCase(Locale.ROOT);
    }
}
