package nemo.mqtt.monitor.security;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a state-changing request comes from the monitor's own pages: its {@code Origin} (or, when a
 * browser sent none, the origin of its {@code Referer}) must be the origin the request was addressed
 * to (scheme, host and port as the server sees them: behind a trusted proxy, the forwarded ones) or
 * one of the configured extra origins. A request with neither header is refused too: every browser
 * sends {@code Origin} with a POST, so only scripts omit both, and they can add it.
 */
public final class OriginCheck {

    private final Set<String> allowed;

    /** @param allowed extra origins ({@code https://monitor.example.org}), e.g. a proxy's public name */
    public OriginCheck(List<String> allowed) {
        this.allowed = allowed.stream()
                .map(OriginCheck::origin)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
    }

    /**
     * @param origin the {@code Origin} header or null
     * @param referer the {@code Referer} header or null
     * @param addressed {@code scheme://host[:port]} the request was addressed to
     */
    public boolean allows(String origin, String referer, String addressed) {
        String claimed = origin != null ? origin(origin) : referer != null ? origin(referer) : null;
        return claimed != null && (claimed.equals(origin(addressed)) || allowed.contains(claimed));
    }

    /** {@code scheme://host[:port]} in lower case without the scheme's default port, or null if not a web origin. */
    static String origin(String url) {
        try {
            URI uri = new URI(url.trim());
            return uri.getScheme() == null || uri.getHost() == null
                    ? null
                    : origin(uri.getScheme(), uri.getHost(), uri.getPort());
        } catch (java.net.URISyntaxException | RuntimeException notAUrl) {
            return null;
        }
    }

    private static String origin(String scheme, String host, int port) {
        if (scheme == null || host == null) {
            return null;
        }
        String s = scheme.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        boolean defaultPort = port < 0 || (s.equals("http") && port == 80) || (s.equals("https") && port == 443);
        return s + "://" + h + (defaultPort ? "" : ":" + port);
    }
}
