package nemo.mqtt.emitter.nemo;

import java.net.URI;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import nemo.mqtt.emitter.EmitterConfig;

/** Reads NEMO's REST API (JSON, {@code Authorization: Token <key>}). */
@ApplicationScoped
public class NemoClient {

    /** NEMO answered, but not with data: down (5xx), refused (401/403), or something else. */
    public static class NemoUnavailableException extends RuntimeException {
        final String reason;

        NemoUnavailableException(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final WebClient web;
    private final URI base;
    private final String authorization;

    NemoClient(Vertx vertx, EmitterConfig config) {
        this.web = WebClient.create(vertx, new WebClientOptions().setUserAgent("nemo-mqtt-emitter"));
        this.base = URI.create(config.poller().baseUrl().orElse("http://localhost").replaceAll("/+$", "") + "/");
        this.authorization = config.poller().token().map(token -> "Token " + token).orElse(null);
    }

    /** GET {@code /api/<path>}: NEMO answers plain arrays, or {@code {"results": [...]}} when paginated. */
    public Uni<JsonArray> list(String pathAndQuery) {
        var request = web.getAbs(base.resolve("api/" + pathAndQuery).toString()).putHeader("Accept", "application/json")
                .timeout(TIMEOUT.toMillis());
        if (authorization != null) {
            request.putHeader("Authorization", authorization);
        }
        return request.send().map(response -> {
            int status = response.statusCode();
            if (status == 401 || status == 403) {
                throw new NemoUnavailableException("unauthorized", "NEMO refused the API token (" + status + ")");
            }
            if (status != 200) {
                throw new NemoUnavailableException(status >= 500 ? "server_error" : "unexpected_status",
                        "NEMO answered " + status + " to " + pathAndQuery.replaceAll("\\?.*", ""));
            }
            Object body = response.body() == null ? null : io.vertx.core.json.Json.decodeValue(response.body().getDelegate());
            if (body instanceof JsonArray array) {
                return array;
            }
            if (body instanceof JsonObject page && page.getValue("results") instanceof JsonArray results) {
                return results;
            }
            throw new NemoUnavailableException("unexpected_body", "NEMO's answer to " + pathAndQuery + " is not a list");
        }).onFailure(e -> !(e instanceof NemoUnavailableException))
                .transform(e -> new NemoUnavailableException("unreachable", "NEMO unreachable: " + e.getMessage()));
    }
}
