package nemo.mqtt.monitor.security;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Every state-changing request to a resource needs the token of this browser and this person
 * ({@link CsrfTokens}), in the form field or the {@value CsrfTokens#HEADER} header: missing or
 * malformed, 400; well-formed but someone else's, 403. The sign-in form is checked by
 * {@link SignInMechanism}, which reads that request before any resource does.
 */
public class CsrfCheck {

    private static final Logger LOG = Logger.getLogger(CsrfCheck.class);

    private final CsrfTokens tokens;
    private final SecurityIdentity identity;

    CsrfCheck(CsrfTokens tokens, SecurityIdentity identity) {
        this.tokens = tokens;
        this.identity = identity;
    }

    @ServerRequestFilter
    @WithFormRead
    public Response check(ResteasyReactiveContainerRequestContext request, RoutingContext routing) {
        switch (request.getMethod()) {
            case "GET", "HEAD", "OPTIONS":
                return null;
            default:
                break;
        }
        String posted = request.getHeaderString(CsrfTokens.HEADER);
        if (posted == null
                && MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(request.getMediaType())
                && request.hasEntity()) {
            ResteasyReactiveRequestContext context = (ResteasyReactiveRequestContext) request.getServerRequestContext();
            posted = (String) context.getFormParameter(CsrfTokens.FIELD, true, false);
        }
        CsrfTokens.Verdict verdict = tokens.check(CsrfField.nonce(routing), CsrfField.user(identity), posted);
        return switch (verdict) {
            case VALID -> null;
            case MISSING, MALFORMED -> {
                LOG.debugf("%s %s refused: CSRF token %s", request.getMethod(), routing.normalizedPath(), verdict);
                yield Refusal.of(
                        400,
                        "This form has no valid security token. Reload the page and try again.",
                        request.getAcceptableMediaTypes());
            }
            case WRONG -> {
                LOG.debugf(
                        "%s %s refused: CSRF token of another session", request.getMethod(), routing.normalizedPath());
                yield Refusal.of(
                        403,
                        "This form was opened in another session. Reload the page and try again.",
                        request.getAcceptableMediaTypes());
            }
        };
    }
}
