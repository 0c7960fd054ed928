package nemo.mqtt.wire;

/**
 * A request that the emitter publish every tool's current retained messages again (status, next,
 * display), as they are now and signed as now. Used when the broker may have lost its retained
 * messages (a bridge connected to it anew: with no session present, or after a crash that rolled
 * the broker back to its last snapshot), when their form changed (topic
 * prefix), and on an admin's request.
 *
 * <p>The request is one Redis string, {@code <stream key prefix>:republish} (default
 * {@code nemo:events:republish}), set ({@code SET}) by whoever asks, to a small JSON object
 * {@code {"reason": "...", "requested_by": "...", "requested_at": "<wire time>"}}; the emitter takes it
 * with {@code GETDEL}, so requests made while no emitter runs wait, several requests made together
 * are served once, and one emitter replica serves each. One key, so valid on a Redis Cluster.
 */
public final class Republish {

    /** The suffix after the stream key prefix. */
    public static final String KEY_SUFFIX = ":republish";

    /** The request's fields. */
    public static final String REASON = "reason";

    public static final String REQUESTED_BY = "requested_by";
    public static final String REQUESTED_AT = "requested_at";

    /** Reasons, the value of {@code reason}. */
    public static final String BROKER_SESSION_LOST = "broker_session_lost";
    /**
     * A new connection to a broker that kept the session. Still asked for: a broker killed between two
     * snapshots (Mosquitto's {@code autosave_interval}) restarts from its last one, with the session
     * and with retained messages older than what it had acknowledged.
     */
    public static final String BROKER_RECONNECTED = "broker_reconnected";

    public static final String TOPIC_PREFIX_CHANGED = "topic_prefix_changed";
    public static final String ADMIN_REQUEST = "admin_request";

    private Republish() {}

    /** @return the request key for the stream key prefix {@code streamKeyPrefix} (such as {@code nemo:events}). */
    public static String key(String streamKeyPrefix) {
        return streamKeyPrefix + KEY_SUFFIX;
    }
}
