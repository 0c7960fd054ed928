package nemo.mqtt.monitor.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Every server-sent event stream ({@code /feed}, {@code /board/feed} and any added later) tells
 * proxies not to hold it back: {@code X-Accel-Buffering: no} (nginx, also behind the Kubernetes
 * ingress-nginx controller, otherwise buffers the response and the page sees events late or in
 * bursts) and {@code Cache-Control: no-cache} (no cache may answer a stream with a stored copy).
 * Decided by the response's content type as its headers are written, so no stream can miss it.
 */
@ApplicationScoped
public class EventStreamHeaders {

    static final String EVENT_STREAM = "text/event-stream";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            context.addHeadersEndHandler(ignored -> {
                var headers = context.response().headers();
                String type = headers.get(HttpHeaders.CONTENT_TYPE);
                if (type != null && type.startsWith(EVENT_STREAM)) {
                    headers.set("X-Accel-Buffering", "no");
                    headers.set(HttpHeaders.CACHE_CONTROL, "no-cache");
                }
            });
            context.next();
        });
    }
}
