package nemo.mqtt.monitor.settings;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

import nemo.mqtt.wire.SealedSecret;

/**
 * Seals and opens the two secrets of the broker settings with {@link SealedSecret} (AES-256-GCM),
 * each for its field name as associated data: {@value #PASSWORD} and {@value #CLIENT_KEY}, the
 * names of the announced document's fields, which the bridges open with the same names. The same
 * names are used for the PostgreSQL columns. Created at start, so a malformed key stops the
 * monitor at once instead of at the first save.
 */
@Startup
@Singleton
public class SettingsSecrets {

    public static final String PASSWORD = "password";
    public static final String CLIENT_KEY = "client_key_pem";

    /** Said wherever a secret cannot be stored for want of a key. */
    public static final String KEY_MISSING = "Secrets are stored only encrypted: set NEMO_SETTINGS_ENCRYPTION_KEY"
            + " (base64 of 32 random bytes, the same on the monitor and every bridge) to save a password or client key.";

    private final Optional<SealedSecret> sealer;

    @Inject
    SettingsSecrets(SettingsEncryptionConfig config) {
        this(config.encryptionKey());
    }

    /** {@code base64Key}: see {@link SettingsEncryptionConfig#encryptionKey()}; empty or blank: no key. */
    SettingsSecrets(Optional<String> base64Key) {
        this.sealer = base64Key.filter(k -> !k.isBlank()).map(SealedSecret::withKey);
    }

    /** Whether secrets can be stored: a key is configured. */
    public boolean available() {
        return sealer.isPresent();
    }

    /** Whether {@code stored} is in the sealed form (else a value stored in clear before sealing existed). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(SealedSecret.VERSION);
    }

    /**
     * @return {@code plain} sealed for {@code field}; null for null
     * @throws IllegalStateException without a key ({@link #KEY_MISSING})
     */
    public String seal(String field, String plain) {
        if (plain == null) {
            return null;
        }
        return sealer.orElseThrow(() -> new IllegalStateException(KEY_MISSING)).seal(field, plain);
    }

    /**
     * @return the plain value of {@code stored} for {@code field}: opened when sealed, as it is when
     *         stored in clear before sealing existed (sealed at the next start with a key, or save)
     * @throws IllegalStateException when it is sealed but there is no key, or another key sealed it
     */
    public String open(String field, String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        SealedSecret key = sealer.orElseThrow(() -> new IllegalStateException(
                "The stored " + field + " is encrypted but NEMO_SETTINGS_ENCRYPTION_KEY is not set."));
        try {
            return key.open(field, stored);
        } catch (IllegalArgumentException unopenable) {
            throw new IllegalStateException("The stored " + unopenable.getMessage(), unopenable);
        }
    }
}
