package nemo.mqtt.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets of the broker settings (the broker password, the client private key) as they are kept at
 * rest (PostgreSQL) and travel through Redis: authenticated encryption with a key the operator
 * provides ({@code NEMO_SETTINGS_ENCRYPTION_KEY}, the same on the monitor and every bridge).
 *
 * <p>Form: {@code v1:<base64 of 12-byte nonce || AES-256-GCM ciphertext || 16-byte tag>}, with the
 * field's name (for example {@code client_key}) as associated data, so a sealed value cannot be
 * moved to another field unnoticed. The key is the standard base64 of 32 random bytes
 * ({@code openssl rand -base64 32}).
 */
public final class SealedSecret {

    /** The prefix of every sealed value of this form. */
    public static final String VERSION = "v1:";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SealedSecret(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * @param base64Key the operator's key: standard base64 of exactly 32 bytes (surrounding white
     *        space, as a Secret made from a file has, is ignored)
     * @throws IllegalArgumentException if it is not base64 or not 32 bytes; the message never
     *         contains the key
     */
    public static SealedSecret withKey(String base64Key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the settings encryption key is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException(
                    "the settings encryption key must be 32 bytes (base64 of 32 random bytes), not " + raw.length);
        }
        return new SealedSecret(raw);
    }

    /** @return {@code plain} sealed for the field {@code field}, in the {@code v1:} form. */
    public String seal(String field, String plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * @return the plain value of {@code sealed}, which must have been sealed for {@code field}
     * @throws IllegalArgumentException if it is not of the {@code v1:} form, or was sealed with
     *         another key or for another field (the message says which, never the value)
     */
    public String open(String field, String sealed) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new IllegalArgumentException(field + " is not a sealed secret (" + VERSION + "...)");
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not valid base64");
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException(field + " is too short to be a sealed secret");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException(field
                    + " cannot be decrypted: the settings encryption key differs from the one it was sealed with");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }
}
