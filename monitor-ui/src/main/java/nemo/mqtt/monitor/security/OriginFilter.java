package nemo.mqtt.monitor.security;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.Logger;

import nemo.mqtt.monitor.MonitorConfig;

/**
 * Refuses (403) every state-changing request, sign-in and sign-out included, that does not come from
 * the monitor's own origin ({@link OriginCheck}). Runs before authentication, so a forged sign-in
 * never reaches the password check.
 */
@ApplicationScoped
public class OriginFilter {

    private static final Logger LOG = Logger.getLogger(OriginFilter.class);
    /** Before authentication (200), after CORS (300). */
    static final int PRIORITY = SecurityHandlerPriorities.AUTHENTICATION + 50;

    void register(@Observes Filters filters, MonitorConfig config) {
        OriginCheck check = new OriginCheck(config.allowedOrigins().orElse(List.of()));
        filters.register(routing -> filter(routing, check), PRIORITY);
    }

    private static void filter(RoutingContext routing, OriginCheck check) {
        HttpServerRequest request = routing.request();
        HttpMethod method = request.method();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            routing.next();
            return;
        }
        String origin = request.getHeader("Origin");
        String referer = request.getHeader("Referer");
        // scheme and host as Quarkus sees them: the forwarded ones when the proxy is trusted
        boolean single = request.headers().getAll("Origin").size() <= 1
                && request.headers().getAll("Referer").size() <= 1;
        if (single && check.allows(origin, referer, request.scheme() + "://" + request.host())) {
            routing.next();
            return;
        }
        LOG.debugf("%s %s refused: origin %s, referer %s", method, routing.normalizedPath(), origin, referer);
        Refusal.send(routing, 403, "Refused: this request did not come from the monitor's own pages.");
    }
}
