package nemo.mqtt.monitor.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * The hidden field every form carries ({@code inject:csrf.parameterName}, {@code inject:csrf.token}):
 * the token for this browser's nonce and the person signed in. A browser without a nonce gets one
 * with the page that needs it.
 */
@RequestScoped
@Named("csrf")
public class CsrfField {

    @Inject
    CsrfTokens tokens;

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentVertxRequest request;

    private String token;

    public String getParameterName() {
        return CsrfTokens.FIELD;
    }

    public String getToken() {
        if (token == null) {
            RoutingContext routing = request.getCurrent();
            String nonce = nonce(routing);
            if (nonce == null) {
                nonce = tokens.newNonce();
                routing.response()
                        .addCookie(Cookie.cookie(CsrfTokens.COOKIE, nonce)
                                .setPath("/")
                                .setHttpOnly(true)
                                .setSameSite(CookieSameSite.STRICT)
                                .setSecure(routing.request().isSSL()));
            }
            token = tokens.token(nonce, user(identity));
        }
        return token;
    }

    /** The browser's nonce, or null when it sent none or something this monitor did not make. */
    static String nonce(RoutingContext routing) {
        Cookie cookie = routing.request().getCookie(CsrfTokens.COOKIE);
        return cookie != null && CsrfTokens.wellFormed(cookie.getValue()) ? cookie.getValue() : null;
    }

    /** Whom a token is for: the signed-in name, or empty before sign-in. */
    static String user(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous()
                ? ""
                : identity.getPrincipal().getName();
    }
}
