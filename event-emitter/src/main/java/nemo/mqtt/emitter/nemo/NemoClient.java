package nemo.mqtt.emitter.nemo;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientRequestFilter;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

import nemo.mqtt.service.OutageLog;

/**
 * Reads NEMO through its REST API ({@code Authorization: Token <key>}) with the filters the poller
 * needs, and turns every failure into a {@link NemoUnavailableException} with a short reason.
 * Filter names and their meaning: docs/notes/nemo-capture-research.md, section 3.
 */
@ApplicationScoped
public class NemoClient {

    /** NEMO did not answer with data: unreachable, down (5xx), refused the token (401/403), or something else. */
    public static class NemoUnavailableException extends RuntimeException {
        final String reason;

        NemoUnavailableException(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }

    private static final String USERS = "user,operator";

    private final NemoApi api;

    /** Reads NEMO's rows: its keys are the model's snake_case field names; keys the poller does not use are ignored. */
    private final ObjectMapper rows;

    NemoClient(PollerConfig config, ObjectMapper mapper) {
        this.api = config.baseUrl().map(base -> build(base, config)).orElse(null);
        this.rows = mapper.copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static NemoApi build(String base, PollerConfig config) {
        String authorization = config.token().map(token -> "Token " + token).orElse(null);
        ClientRequestFilter auth = request -> {
            if (authorization != null) {
                request.getHeaders().putSingle("Authorization", authorization);
            }
            request.getHeaders().putSingle("User-Agent", "nemo-mqtt-emitter");
        };
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(base.replaceAll("/+$", "")))
                .connectTimeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .register(auth)
                .build(NemoApi.class);
    }

    /** One cheap authorised request: answers once NEMO answers with data again (token and permission included). */
    public Uni<Void> probe() {
        return call("probe", rows(NemoResource.USAGE_EVENTS, Map.of("id", "0"))).replaceWithVoid();
    }

    /** Usages running now (no end yet). */
    public Uni<List<NemoModel.Usage>> openUsages() {
        return list(NemoResource.USAGE_EVENTS, Map.of("end__isnull", "true", "expand", USERS));
    }

    /** Usages that started at or after {@code since}. */
    public Uni<List<NemoModel.Usage>> usagesStartedSince(Instant since) {
        return list(NemoResource.USAGE_EVENTS, Map.of("start__gte", query(since), "expand", USERS));
    }

    /** Usages whose end is at or after {@code since}: recently ended ones and delayed logoffs (end ahead). */
    public Uni<List<NemoModel.Usage>> usagesEndedSince(Instant since) {
        return list(NemoResource.USAGE_EVENTS, Map.of("end__gte", query(since), "expand", USERS));
    }

    /** The usages with these ids that still exist (an admin may have deleted some). */
    public Uni<List<NemoModel.Usage>> usages(Collection<Long> ids) {
        return list(NemoResource.USAGE_EVENTS, Map.of("id__in", ids(ids), "expand", USERS));
    }

    /** Every tool: names, parents, categories. */
    public Uni<List<NemoModel.Tool>> tools() {
        return list(NemoResource.TOOLS, Map.of());
    }

    /** Tools shut down now (for a child tool the flag means nothing: NEMO reads its parent's). */
    public Uni<List<NemoModel.Tool>> shutDownTools() {
        return list(NemoResource.TOOLS, Map.of("_operational", "false"));
    }

    /** Problems neither resolved nor cancelled. */
    public Uni<List<NemoModel.Task>> openTasks() {
        return list(NemoResource.TASKS, Map.of("cancelled", "false", "resolved", "false"));
    }

    /** Scheduled outages in effect at {@code now}. */
    public Uni<List<NemoModel.ScheduledOutage>> outagesAt(Instant now) {
        return list(NemoResource.SCHEDULED_OUTAGES, Map.of("start__lte", query(now), "end__gt", query(now)));
    }

    /** Shutdown periods still open; an older NEMO without this resource answers none. */
    public Uni<List<NemoModel.UnplannedOutage>> openUnplannedOutages() {
        return list(NemoResource.UNPLANNED_OUTAGES, Map.of("end__isnull", "true"))
                .onFailure(e -> e instanceof NemoUnavailableException n && "not_found".equals(n.reason))
                .recoverWithItem(List.of());
    }

    /** Reservations not over at {@code now} (running or upcoming), neither cancelled, missed nor shortened. */
    public Uni<List<NemoModel.Reservation>> reservationsAfter(Instant now) {
        return list(
                NemoResource.RESERVATIONS,
                Map.of(
                        "end__gt",
                        query(now),
                        "cancelled",
                        "false",
                        "missed",
                        "false",
                        "shortened",
                        "false",
                        "expand",
                        "user"));
    }

    /** NEMO parses a filter's time with its offset; whole seconds in UTC ({@code Z}), as Django's form field reads them. */
    static String query(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String ids(Collection<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The rows of {@code resource} matching {@code filter}; a failure as {@link NemoUnavailableException}. */
    private <T> Uni<List<T>> list(NemoResource<T> resource, Map<String, String> filter) {
        return call(resource.path(), rows(resource, filter));
    }

    private <T> Uni<List<T>> rows(NemoResource<T> resource, Map<String, String> filter) {
        return api.rows(resource.path(), filter).map(body -> {
            try {
                return rows.readerForListOf(resource.row()).readValue(body);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static <T> Uni<T> call(String resource, Uni<T> answer) {
        return answer.onFailure(e -> !(e instanceof NemoUnavailableException)).transform(failed(resource));
    }

    private static Function<Throwable, Throwable> failed(String resource) {
        return failure -> {
            if (failure instanceof WebApplicationException web) {
                int status = web.getResponse().getStatus();
                String reason = status == 401 || status == 403
                        ? "unauthorized"
                        : status == 404 ? "not_found" : status >= 500 ? "server_error" : "unexpected_status";
                return new NemoUnavailableException(reason, "NEMO answered " + status + " to " + resource);
            }
            if (hasCause(failure, JacksonException.class)) {
                return new NemoUnavailableException(
                        "unexpected_body", "NEMO's answer to " + resource + " is not what NEMO sends");
            }
            return new NemoUnavailableException("unreachable", "NEMO unreachable: " + OutageLog.describe(failure));
        };
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
