package nemo.mqtt.emitter.api;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request whose declared {@code Content-Length} is over
 * {@code quarkus.http.limits.max-body-size} with a 413 problem+json naming {@code body}, then reads
 * and discards what the client is still sending (up to {@link #DRAIN_FACTOR} times the limit, for
 * at most {@link #DRAIN_MILLIS} ms) before closing the connection. Quarkus' own check answers an
 * empty 413 and closes at once, so a client still writing its body got a broken pipe (RFC 9112
 * section 9.6: a server closing early should keep reading so the client sees the answer).
 * Quarkus' check stays in place for chunked bodies, whose size is only known while reading.
 */
@ApplicationScoped
class OversizedBodyAnswer {

    static final int DRAIN_FACTOR = 16;
    static final long DRAIN_MILLIS = 10_000;

    private final long limit;
    private final String problem;

    OversizedBodyAnswer(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, ObjectMapper json)
            throws JsonProcessingException {
        this.limit = limit.asLongValue();
        this.problem = json.writeValueAsString(Problem.of(
                413,
                "Content Too Large",
                "The body is larger than " + this.limit + " bytes; send fewer events per request",
                List.of(new Problem.FieldError("body", "is larger than " + this.limit + " bytes"))));
    }

    /** Runs just before Quarkus' own upload limit, so a declared oversized body never gets that far. */
    void register(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        long declared = declaredLength(request.getHeader(HttpHeaders.CONTENT_LENGTH));
        if (declared <= limit || request.isEnded()) {
            context.next();
            return;
        }
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(problem);
        if (declared > limit * DRAIN_FACTOR) {
            request.connection().close();
            return;
        }
        AtomicLong read = new AtomicLong();
        long timer =
                context.vertx().setTimer(DRAIN_MILLIS, t -> request.connection().close());
        request.handler(chunk -> {
            if (read.addAndGet(chunk.length()) > declared) {
                request.connection().close();
            }
        });
        request.endHandler(v -> {
            context.vertx().cancelTimer(timer);
            request.connection().close();
        });
        request.exceptionHandler(e -> context.vertx().cancelTimer(timer));
        request.resume();
    }

    /** The declared length in bytes, or -1 when absent or not a number (Vert.x refuses the latter itself). */
    static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
