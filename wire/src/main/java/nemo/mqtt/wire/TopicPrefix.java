package nemo.mqtt.wire;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one rule for a topic prefix (such as {@code nemo} or {@code lab1/nemo}), applied by the settings
 * page and again by every bridge before it publishes under an announced prefix.
 *
 * <p>Refused: empty; longer than 64 bytes in UTF-8; starting with {@code $} (MQTT 3.1.1 §4.7.2 and
 * MQTT 5 §4.7.2: such topics are the broker's own, {@code #} and {@code +} subscriptions do not match
 * them); the wildcards {@code +} and {@code #} (§4.7.1: not allowed in a topic name); an empty level
 * (a leading, trailing or double {@code /}); U+0000 (§1.5.3: not allowed in a UTF-8 string).
 */
public final class TopicPrefix {

    /** The longest prefix accepted, in UTF-8 bytes. */
    public static final int MAX_BYTES = 64;

    private TopicPrefix() {}

    /** @return why {@code prefix} cannot be used, as a sentence for a person; empty if it can. */
    public static Optional<String> problem(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return Optional.of("A topic prefix is required.");
        }
        if (prefix.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("At most " + MAX_BYTES + " bytes.");
        }
        if (prefix.startsWith("$")) {
            return Optional.of(
                    "Must not start with $: such topics are the broker's own and wildcard subscribers do not see them.");
        }
        if (prefix.indexOf('+') >= 0 || prefix.indexOf('#') >= 0) {
            return Optional.of("Must not contain the wildcards + or #.");
        }
        if (prefix.indexOf('\u0000') >= 0) {
            return Optional.of("Must not contain the NUL character.");
        }
        if (prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
            return Optional.of("Must not have an empty level (a leading, trailing or double /).");
        }
        return Optional.empty();
    }
}
