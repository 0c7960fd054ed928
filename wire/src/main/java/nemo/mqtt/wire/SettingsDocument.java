package nemo.mqtt.wire;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The fields of the broker settings document monitor-ui announces to the bridges at one Redis key
 * (JSON, default {@code nemo:bridge:settings}); every bridge replica polls it and applies a higher
 * {@code version} without a restart. Each field's JSON name is {@link #field()};
 * {@code docs/asyncapi.yaml} ({@code BrokerSettingsDocument}) describes the values. {@code password}
 * and {@code client_key_pem} travel sealed ({@link SealedSecret}, associated data the field's name).
 */
public enum SettingsDocument {
    VERSION,
    HOST,
    PORT,
    TLS,
    CA_PEM,
    CLIENT_CERT_PEM,
    CLIENT_KEY_PEM,
    VERIFY_HOSTNAME,
    USERNAME,
    PASSWORD,
    CLIENT_ID_PREFIX,
    KEEP_ALIVE_SECONDS,
    IN_FLIGHT_WINDOW,
    TOPIC_PREFIX,
    QOS,
    UPDATED_BY,
    UPDATED_AT;

    /** Written only when set: absent PEM fields keep each bridge's configured files, an absent qos each entry's own. */
    public static final Set<SettingsDocument> OPTIONAL = EnumSet.of(CA_PEM, CLIENT_CERT_PEM, CLIENT_KEY_PEM, QOS);

    /** @return the field's name in the JSON document, such as {@code keep_alive_seconds} */
    public String field() {
        return name().toLowerCase(Locale.ROOT);
    }
}
