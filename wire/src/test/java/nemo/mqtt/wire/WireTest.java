package nemo.mqtt.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class WireTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void timesHaveExactlyThreeDecimalsInUtc() {
        assertEquals("2026-11-30T09:03:44.240+00:00", WireTime.format(Instant.parse("2026-11-30T09:03:44.24Z")));
        assertEquals("2026-11-30T09:03:44.000+00:00", WireTime.format(Instant.parse("2026-11-30T09:03:44Z")));
        assertEquals("2026-11-30T09:03:44.123+00:00", WireTime.format(Instant.parse("2026-11-30T09:03:44.123987Z")));
        assertEquals(
                "2026-11-30T08:03:44.500+00:00", WireTime.format(OffsetDateTime.parse("2026-11-30T09:03:44.5+01:00")));
        assertEquals("0001-01-01T00:00:00.000+00:00", WireTime.format(Instant.parse("0001-01-01T00:00:00Z")));
    }

    @Test
    void aSealedSecretOpensOnlyWithItsKeyAndField() {
        SealedSecret box = SealedSecret.withKey(KEY + "\n");
        String sealed = box.seal("password", "s3cret ü");
        assertTrue(sealed.startsWith("v1:"));
        assertNotEquals(sealed, box.seal("password", "s3cret ü"), "a fresh nonce every time");
        assertEquals("s3cret ü", box.open("password", sealed));
        IllegalArgumentException wrongField =
                assertThrows(IllegalArgumentException.class, () -> box.open("client_key", sealed));
        assertTrue(wrongField.getMessage().contains("key differs"));
        byte[] other = new byte[32];
        other[0] = 1;
        SealedSecret otherBox = SealedSecret.withKey(Base64.getEncoder().encodeToString(other));
        assertThrows(IllegalArgumentException.class, () -> otherBox.open("password", sealed));
        assertThrows(IllegalArgumentException.class, () -> box.open("password", "plain"));
        assertThrows(IllegalArgumentException.class, () -> box.open("password", "v1:AAAA"));
    }

    @Test
    void aKeyMustBe32Base64Bytes() {
        assertThrows(IllegalArgumentException.class, () -> SealedSecret.withKey("not base64!"));
        IllegalArgumentException shortKey = assertThrows(
                IllegalArgumentException.class,
                () -> SealedSecret.withKey(Base64.getEncoder().encodeToString(new byte[16])));
        assertTrue(shortKey.getMessage().contains("32 bytes"));
    }

    @Test
    void theRepublishKeyFollowsTheStreamPrefix() {
        assertEquals("nemo:events:republish", Republish.key("nemo:events"));
    }
}
