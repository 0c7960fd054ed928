package nemo.mqtt.monitor.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import nemo.mqtt.monitor.MonitorConfig;

/**
 * Form tokens tied to the browser and to who is signed in there. The browser holds a random nonce in
 * an HttpOnly cookie; a form's token is HMAC-SHA256(session key, nonce and user name). So a token
 * copied from another person's page (a viewer's, with their cookie) is worth nothing in an admin's
 * session, and a token cannot be made without the key. Before sign-in the user name is empty: the
 * sign-in form has its own token. Rule from issue 14 (a viewer's token saved an admin's settings).
 */
@ApplicationScoped
public class CsrfTokens {

    /** The nonce cookie; the name is the one the forms have always used. */
    public static final String COOKIE = "csrf-token";
    /** The form field carrying the token. */
    public static final String FIELD = "csrf-token";
    /** The header a script may send the token in instead. */
    public static final String HEADER = "X-CSRF-Token";

    /** What a posted token turned out to be. */
    public enum Verdict {
        VALID,
        MISSING,
        MALFORMED,
        WRONG
    }

    // 32 bytes, base64url without padding
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    @Inject
    CsrfTokens(MonitorConfig config) {
        this(config.sessionKey());
    }

    /** @param sessionKey the shared secret ({@code nemo.monitor.session-key}); a purpose label keeps its uses apart */
    public CsrfTokens(String sessionKey) {
        this.key = new SecretKeySpec(
                hmac(
                        new SecretKeySpec(sessionKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
                        "nemo-monitor-csrf-v1"),
                "HmacSHA256");
    }

    /** A fresh random nonce for the cookie. */
    public String newNonce() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether a cookie value can be a nonce this class made (anything else is replaced). */
    public static boolean wellFormed(String value) {
        return value != null && WELL_FORMED.matcher(value).matches();
    }

    /** The token forms carry for {@code nonce} and {@code user} (empty before sign-in). */
    public String token(String nonce, String user) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, nonce + "\n" + user));
    }

    /** Checks a posted token against the browser's nonce and the signed-in user (empty before sign-in). */
    public Verdict check(String nonce, String user, String posted) {
        if (posted == null || posted.isEmpty() || nonce == null) {
            return Verdict.MISSING;
        }
        if (!wellFormed(posted) || !wellFormed(nonce)) {
            return Verdict.MALFORMED;
        }
        boolean same = MessageDigest.isEqual(
                token(nonce, user).getBytes(StandardCharsets.US_ASCII), posted.getBytes(StandardCharsets.US_ASCII));
        return same ? Verdict.VALID : Verdict.WRONG;
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
