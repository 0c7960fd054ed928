package nemo.mqtt.monitor.security;

import java.time.Duration;
import java.util.Optional;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.FormAuthConfig;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.quarkus.vertx.http.runtime.security.PersistentLoginManager;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

/**
 * Quarkus' form sign-in (the same {@code quarkus.http.auth.form.*} settings and session cookie) with
 * what it lacks for a page on the open network:
 * <ul>
 * <li>the page a stranger asked for is kept as {@link ReturnPath} (any path gets its answer; Quarkus
 * stored it raw and a {@code ;} or {@code ,} left the request hanging with a stack trace);</li>
 * <li>the sign-in form needs its CSRF token ({@link CsrfTokens}, no user yet);</li>
 * <li>failed sign-ins are logged, counted and slowed down ({@link SignInGuard}): 429 with
 * {@code Retry-After} while a user name or address must wait.</li>
 * </ul>
 * The origin of the sign-in post is checked before this runs ({@link OriginFilter}).
 */
public class SignInMechanism extends FormAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(SignInMechanism.class);

    private final PersistentLoginManager sessions;
    private final CsrfTokens tokens;
    private final SignInGuard guard;
    private final String usernameParameter;
    private final String passwordParameter;
    private final String locationCookie;
    private final String cookiePath;
    private final CookieSameSite sameSite;
    private final String landingPage;

    /** @param form the {@code quarkus.http.auth.form.*} settings, @param encryptionKey the session key */
    public SignInMechanism(FormAuthConfig form, String encryptionKey, CsrfTokens tokens, SignInGuard guard) {
        super(form, Optional.of(encryptionKey));
        // the same settings as the parent's own (private) manager, so either reads the other's cookie
        this.sessions = new PersistentLoginManager(
                encryptionKey,
                form.cookieName(),
                form.timeout().toMillis(),
                form.newCookieInterval().toMillis(),
                form.httpOnlyCookie(),
                form.cookieSameSite().name(),
                form.cookiePath().orElse(null),
                form.cookieMaxAge().map(Duration::toSeconds).orElse(-1L),
                form.cookieDomain().orElse(null));
        this.tokens = tokens;
        this.guard = guard;
        this.usernameParameter = form.usernameParameter();
        this.passwordParameter = form.passwordParameter();
        this.locationCookie = form.locationCookie();
        this.cookiePath = form.cookiePath().orElse("/");
        this.sameSite = CookieSameSite.valueOf(form.cookieSameSite().name());
        this.landingPage = form.landingPage().orElse("/");
    }

    @Override
    protected void storeInitialLocation(RoutingContext exchange) {
        String accept = exchange.request().getHeader("Accept");
        // only pages are worth coming back to, not event streams or the session check
        if (exchange.request().method() != HttpMethod.GET || accept == null || !accept.contains("text/html")) {
            return;
        }
        String value = ReturnPath.encode(exchange.request().uri());
        if (value != null) {
            exchange.response()
                    .addCookie(Cookie.cookie(locationCookie, value)
                            .setPath(cookiePath)
                            .setHttpOnly(true)
                            .setSameSite(sameSite)
                            .setSecure(exchange.request().isSSL()));
        }
    }

    @Override
    protected void handleRedirectBack(RoutingContext exchange) {
        Cookie stored = exchange.request().getCookie(locationCookie);
        String back = stored == null ? null : ReturnPath.decode(stored.getValue());
        if (stored != null) {
            exchange.response()
                    .addCookie(Cookie.cookie(locationCookie, "")
                            .setPath(cookiePath)
                            .setMaxAge(0));
        }
        exchange.response()
                .setStatusCode(302)
                .putHeader(HttpHeaderNames.LOCATION, back != null ? back : landingPage)
                .end();
    }

    @Override
    public Uni<SecurityIdentity> runFormAuth(RoutingContext exchange, IdentityProviderManager identities) {
        exchange.request().setExpectMultipart(true);
        return Uni.createFrom().emitter(emitter -> {
            exchange.request().exceptionHandler(failure -> {
                // e.g. a form field over the size limit: a clear refusal, not a hanging request
                Refusal.send(exchange, 413, "The sign-in form was too large.");
                emitter.complete(null);
            });
            exchange.request().endHandler(ended -> {
                try {
                    signIn(exchange, identities, emitter);
                } catch (RuntimeException e) {
                    emitter.fail(e);
                }
            });
            exchange.request().resume();
        });
    }

    private void signIn(
            RoutingContext exchange, IdentityProviderManager identities, UniEmitter<? super SecurityIdentity> emitter) {
        MultiMap form = exchange.request().formAttributes();
        String user = form.get(usernameParameter);
        String password = form.get(passwordParameter);
        CsrfTokens.Verdict token = tokens.check(CsrfField.nonce(exchange), "", form.get(CsrfTokens.FIELD));
        if (token != CsrfTokens.Verdict.VALID) {
            LOG.debugf("Sign-in refused: CSRF token %s", token);
            refuse(
                    exchange,
                    emitter,
                    token == CsrfTokens.Verdict.WRONG ? 403 : 400,
                    "The sign-in form has expired. Open the sign-in page again.");
            return;
        }
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            refuse(exchange, emitter, 400, "Enter a user name and a password.");
            return;
        }
        String address = clientAddress(exchange);
        Duration wait = guard.waitFor(user, address);
        if (!wait.isZero()) {
            guard.throttled();
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            exchange.response().putHeader("Retry-After", Long.toString(seconds));
            refuse(exchange, emitter, 429, "Too many failed sign-ins: wait " + seconds + " s and try again.");
            return;
        }
        UsernamePasswordAuthenticationRequest request =
                new UsernamePasswordAuthenticationRequest(user, new PasswordCredential(password.toCharArray()));
        identities
                .authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, exchange))
                .subscribe()
                .with(
                        identity -> {
                            try {
                                guard.succeeded(user);
                                sessions.save(
                                        identity,
                                        exchange,
                                        null,
                                        exchange.request().isSSL());
                                handleRedirectBack(exchange);
                                emitter.complete(null);
                            } catch (RuntimeException e) {
                                emitter.fail(e);
                            }
                        },
                        failure -> {
                            if (failure instanceof AuthenticationFailedException) {
                                guard.failed(user, address);
                            }
                            // the parent's challenge sends the person back to the error page
                            emitter.fail(failure);
                        });
    }

    private static void refuse(
            RoutingContext exchange, UniEmitter<? super SecurityIdentity> emitter, int status, String sentence) {
        Refusal.send(exchange, status, sentence);
        emitter.complete(null);
    }

    private static String clientAddress(RoutingContext exchange) {
        var remote = exchange.request().remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }
}
