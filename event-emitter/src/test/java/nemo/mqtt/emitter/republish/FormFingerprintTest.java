package nemo.mqtt.emitter.republish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The fingerprint changes with everything that shapes the retained messages, and nothing else; it never shows the key. */
class FormFingerprintTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    @Test
    void sameSettingsSameFingerprint() {
        assertEquals(
                FormFingerprint.of(Optional.of("k"), "nemo", UTC), FormFingerprint.of(Optional.of("k"), "nemo", UTC));
        assertEquals(
                FormFingerprint.of(Optional.empty(), "nemo", UTC),
                FormFingerprint.of(Optional.of(""), "nemo", UTC),
                "an empty key signs nothing, as no key");
    }

    @Test
    void eachSettingChangesIt() {
        Set<String> all = Set.of(
                FormFingerprint.of(Optional.empty(), "nemo", UTC),
                FormFingerprint.of(Optional.of("key-1"), "nemo", UTC),
                FormFingerprint.of(Optional.of("key-2"), "nemo", UTC),
                FormFingerprint.of(Optional.of("key-1"), "lab/nemo", UTC),
                FormFingerprint.of(Optional.of("key-1"), "nemo", ZoneId.of("Europe/Berlin")),
                // parts cannot run into each other
                FormFingerprint.of(Optional.of("ab"), "c", UTC),
                FormFingerprint.of(Optional.of("a"), "bc", UTC));
        assertEquals(7, all.size());
    }

    @Test
    void itIsAHashThatDoesNotContainTheKey() {
        String fingerprint = FormFingerprint.of(Optional.of("s3cret-key"), "nemo", UTC);
        assertTrue(fingerprint.matches("[0-9a-f]{64}"));
        assertFalse(fingerprint.contains("s3cret"));
        assertNotEquals(
                FormFingerprint.of(Optional.of("s3cret-key"), "nemo", UTC),
                FormFingerprint.of(Optional.of("s3cret-kez"), "nemo", UTC));
    }
}
