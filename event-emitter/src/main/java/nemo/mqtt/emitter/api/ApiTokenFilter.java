package nemo.mqtt.emitter.api;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Refuses, with 401 and before the body is read, every request to {@link ApiTokenRequired} resources without a valid bearer token. */
public class ApiTokenFilter {

    private static final String BEARER = "Bearer ";

    private final ApiTokens tokens;

    ApiTokenFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @ApiTokenRequired
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION, preMatching = false)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null
                && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && tokens.identify(header.substring(BEARER.length()).strip()).isPresent()) {
            return Optional.empty();
        }
        Response problem = Problem.of(
                        Response.Status.UNAUTHORIZED,
                        header == null
                                ? "An API token is required: Authorization: Bearer <token>"
                                : "The API token is not valid",
                        List.of(new Problem.FieldError("Authorization", "missing or invalid bearer token")))
                .toResponse();
        return Optional.of(Response.fromResponse(problem)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build());
    }
}
