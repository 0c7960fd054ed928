package nemo.mqtt.monitor.settings;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The key that seals the broker password and client private key at rest and on their way to the
 * bridges (prefix {@code nemo.settings}, the same property, and so the same
 * {@code NEMO_SETTINGS_ENCRYPTION_KEY}, as every bridge's).
 */
@ConfigMapping(prefix = "nemo.settings")
public interface SettingsEncryptionConfig {

    /**
     * Standard base64 of 32 random bytes ({@code openssl rand -base64 32}), from a Secret; the same
     * on the monitor and every bridge. Without it, settings holding a password or key cannot be
     * saved. Never logged.
     */
    Optional<String> encryptionKey();
}
