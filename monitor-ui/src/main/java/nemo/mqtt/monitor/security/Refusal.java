package nemo.mqtt.monitor.security;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vertx.ext.web.RoutingContext;

/** A refused request's answer: its status and one plain sentence a person can act on. */
final class Refusal {

    private Refusal() {
    }

    static Response of(int status, String sentence) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).entity(sentence + "\n")
                .build();
    }

    /** The same, straight on the connection, for requests refused before any resource sees them. */
    static void send(RoutingContext routing, int status, String sentence) {
        if (!routing.response().ended()) {
            routing.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=UTF-8")
                    .end(sentence + "\n");
        }
    }
}
