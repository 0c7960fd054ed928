package nemo.mqtt.bridge.settings;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The key that opens the sealed secrets of announced broker settings (prefix {@code nemo.settings},
 * shared with monitor-ui, which seals them): {@code nemo.settings.encryption-key}, in production the
 * environment's {@code NEMO_SETTINGS_ENCRYPTION_KEY}, the standard base64 of 32 random bytes. Without
 * it the bridge runs with its configured broker and refuses announced settings that carry secrets.
 */
@ConfigMapping(prefix = "nemo.settings")
public interface SettingsEncryption {

    Optional<String> encryptionKey();
}
