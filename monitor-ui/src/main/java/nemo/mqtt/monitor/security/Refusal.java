package nemo.mqtt.monitor.security;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.vertx.ext.web.RoutingContext;

/**
 * A refused request's answer: its status and one plain sentence a person can act on; as JSON
 * ({@code ok: false, message}) for a script that asked for JSON, such as the settings page's
 * "Test connection", which shows the message.
 */
final class Refusal {

    private Refusal() {}

    static Response of(int status, String sentence, List<MediaType> accepted) {
        return of(status, sentence, accepted, Map.of());
    }

    /** @param errors sentences by form field, for the JSON answer */
    static Response of(int status, String sentence, List<MediaType> accepted, Map<String, String> errors) {
        boolean json = accepted.stream()
                .anyMatch(type -> !type.isWildcardType() && type.isCompatible(MediaType.APPLICATION_JSON_TYPE));
        return json
                ? Response.status(status)
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(Map.of("ok", false, "message", sentence, "errors", errors))
                        .build()
                : Response.status(status)
                        .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                        .entity(sentence + "\n")
                        .build();
    }

    /** A plain sentence straight on the connection, for requests refused before any resource sees them. */
    static void send(RoutingContext routing, int status, String sentence) {
        if (!routing.response().ended()) {
            routing.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", "text/plain; charset=UTF-8")
                    .end(sentence + "\n");
        }
    }
}
