package nemo.mqtt.monitor.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The page a stranger asked for, kept in a cookie while they sign in. The request line may hold any
 * character (a {@code ;} or {@code ,} a cookie value cannot carry: Quarkus' own form login put it in
 * the cookie as it was, the cookie encoder threw and the request never got an answer), so the path is
 * stored base64url-encoded, and only a plain same-site path ({@code /...}, printable ASCII, not
 * {@code //} or {@code /\}, which browsers read as another host) is ever redirected to.
 */
public final class ReturnPath {

    static final int MAX_LENGTH = 1024;
    private static final Pattern SAFE = Pattern.compile("/(?![/\\\\])[\\x21-\\x7E]*");

    private ReturnPath() {}

    /** The cookie value for a request's path and query, or null when it is not worth returning to. */
    public static String encode(String pathAndQuery) {
        if (pathAndQuery == null
                || pathAndQuery.length() > MAX_LENGTH
                || !SAFE.matcher(pathAndQuery).matches()) {
            return null;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(pathAndQuery.getBytes(StandardCharsets.UTF_8));
    }

    /** The path a cookie value stands for, or null when the value is not one {@link #encode} made. */
    public static String decode(String cookieValue) {
        if (cookieValue == null || cookieValue.length() > MAX_LENGTH * 2) {
            return null;
        }
        try {
            String path = new String(Base64.getUrlDecoder().decode(cookieValue), StandardCharsets.UTF_8);
            return path.length() <= MAX_LENGTH && SAFE.matcher(path).matches() ? path : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
