package nemo.mqtt.emitter.republish;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What the retained messages look like, as a SHA-256 hex digest of everything that shapes them: the
 * signing key (none and empty are the same: unsigned), the topic prefix, the display time zone and
 * {@link #FORM}. Storing it tells a start whether the messages in the broker still look like the ones
 * it would publish; the key cannot be read back from it.
 */
public final class FormFingerprint {

    /** Raise when the emitter's payloads change form, so every tool's retained messages are published again. */
    static final int FORM = 1;

    private FormFingerprint() {}

    /** @return 64 lower-case hex characters. */
    public static String of(Optional<String> signingKey, String topicPrefix, ZoneId displayZone) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String key = signingKey.orElse("");
        // Each part with its length first, so no two different inputs join into the same bytes.
        for (String part : new String[] {
            "form" + FORM, key.isEmpty() ? "unsigned" : "signed:" + key, topicPrefix, displayZone.getId()
        }) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha256.update(bytes);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
