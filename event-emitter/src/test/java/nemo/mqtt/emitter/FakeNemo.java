package nemo.mqtt.emitter;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import nemo.mqtt.testing.FreePorts;

/**
 * A NEMO server for the tests: real HTTP, JSON shaped like NEMO 8's serializers (datetimes printed
 * as DRF does, in NEMO's TIME_ZONE, here America/New_York, with microseconds), the filters the
 * poller uses (others are ignored, as NEMO does), token auth. Every request is logged.
 */
public class FakeNemo implements QuarkusTestResourceLifecycleManager {

    static final String TOKEN = "nemo-test-key";
    static final ZoneId NEMO_TIME_ZONE = ZoneId.of("America/New_York");
    private static final DateTimeFormatter DRF = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    static final List<JsonObject> usages = new CopyOnWriteArrayList<>();
    /** NEMO's /api/tools/: id, name, _category, _operational, parent_tool, ... */
    static final List<JsonObject> toolList = new CopyOnWriteArrayList<>();

    static final List<JsonObject> reservations = new CopyOnWriteArrayList<>();
    static final List<JsonObject> tasks = new CopyOnWriteArrayList<>();
    static final List<JsonObject> outages = new CopyOnWriteArrayList<>();
    /** Every request's path and query, in order. */
    static final List<String> requests = new CopyOnWriteArrayList<>();

    static volatile int failWith;
    /** The token NEMO accepts (change it to refuse the poller's). */
    static volatile String acceptedToken = TOKEN;

    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        for (List<?> list : List.of(usages, toolList, reservations, tasks, outages, requests)) {
            list.clear();
        }
        failWith = 0;
        acceptedToken = TOKEN;
        vertx = Vertx.vertx();
        int port = FreePorts.next();
        try {
            server = vertx.createHttpServer()
                    .requestHandler(FakeNemo::handle)
                    .listen(port, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "nemo.emitter.poller.enabled",
                "true",
                "nemo.emitter.poller.base-url",
                "http://127.0.0.1:" + port,
                "nemo.emitter.poller.token",
                TOKEN,
                "nemo.emitter.poller.usage-interval",
                "1s",
                "nemo.emitter.poller.status-interval",
                "3s",
                "nemo.streams.key-prefix",
                "poller:events");
    }

    private static void handle(HttpServerRequest request) {
        requests.add(request.uri());
        if (!("Token " + acceptedToken).equals(request.getHeader("Authorization"))) {
            request.response().setStatusCode(401).end("{\"detail\":\"Invalid token.\"}");
            return;
        }
        if (failWith != 0) {
            request.response().setStatusCode(failWith).end("<h1>Server Error</h1>");
            return;
        }
        List<JsonObject> rows = switch (request.path()) {
            case "/api/usage_events/" -> usages;
            case "/api/tools/" -> toolList;
            case "/api/reservations/" -> reservations;
            case "/api/tasks/" -> tasks;
            case "/api/scheduled_outages/" -> outages;
            case "/api/unplanned_outages/" -> List.of();
            default -> null;
        };
        if (rows == null) {
            request.response().setStatusCode(404).end();
            return;
        }
        JsonArray body = new JsonArray();
        rows.stream().filter(filter(request)).forEach(body::add);
        request.response().putHeader("Content-Type", "application/json").end(body.encode());
    }

    /** NEMO's filters the poller sends: {@code field}, {@code field__in}, {@code __isnull}, {@code __gt(e)}, {@code __lt(e)}. */
    private static Predicate<JsonObject> filter(HttpServerRequest request) {
        Predicate<JsonObject> filter = row -> true;
        for (Map.Entry<String, String> param : request.params()) {
            String[] parts = param.getKey().split("__");
            String field = parts[0];
            String lookup = parts.length > 1 ? parts[1] : "exact";
            String value = param.getValue();
            if (field.equals("expand") || field.equals("page_size")) {
                continue;
            }
            Predicate<JsonObject> one = switch (lookup) {
                case "isnull" -> row -> (row.getValue(field) == null) == Boolean.parseBoolean(value);
                case "in" -> row -> List.of(value.split(",")).contains(String.valueOf(row.getValue(field)));
                case "gt" -> row -> row.getValue(field) != null && compare(row.getString(field), value) > 0;
                case "gte" -> row -> row.getValue(field) != null && compare(row.getString(field), value) >= 0;
                case "lt" -> row -> row.getValue(field) != null && compare(row.getString(field), value) < 0;
                case "lte" -> row -> row.getValue(field) != null && compare(row.getString(field), value) <= 0;
                default -> row -> String.valueOf(row.getValue(field)).equals(value);
            };
            filter = filter.and(one);
        }
        return filter;
    }

    private static int compare(String nemoTime, String queryTime) {
        return OffsetDateTime.parse(nemoTime)
                .toInstant()
                .compareTo(OffsetDateTime.parse(queryTime).toInstant());
    }

    /** {@code at} as NEMO prints it: in its TIME_ZONE, microseconds, offset. */
    static String nemoTime(Instant at) {
        return at == null ? null : DRF.format(at.atZone(NEMO_TIME_ZONE));
    }

    static JsonObject user(long id, String first, String last) {
        return new JsonObject()
                .put("id", id)
                .put("username", (first.charAt(0) + last).toLowerCase())
                .put("first_name", first)
                .put("last_name", last)
                .put("email", first.toLowerCase() + "@lab.example")
                .put("is_active", true);
    }

    static JsonObject usage(long id, long tool, String first, String last, Instant start, Instant end) {
        JsonObject user = user(id * 10, first, last);
        return new JsonObject()
                .put("id", id)
                .put("user", user)
                .put("operator", user.copy())
                .put("project", 5)
                .put("tool", tool)
                .put("start", nemoTime(start))
                .put("end", nemoTime(end))
                .put("validated", false)
                .put("remote_work", false)
                .put("training", false)
                .put("pre_run_data", null)
                .put("run_data", null)
                .put("waived", false)
                .put("waived_on", null)
                .put("waived_by", null)
                .put("validated_by", null)
                .put("has_ended", end == null ? 0 : id);
    }

    static JsonObject reservation(long id, long tool, String first, String last, Instant start, Instant end) {
        JsonObject user = user(id * 10, first, last);
        return new JsonObject()
                .put("id", id)
                .put("user", user)
                .put("creator", user.getLong("id"))
                .put("tool", tool)
                .put("area", null)
                .put("project", 5)
                .put("start", nemoTime(start))
                .put("end", nemoTime(end))
                .put("short_notice", false)
                .put("cancelled", false)
                .put("cancellation_time", null)
                .put("cancelled_by", null)
                .put("missed", false)
                .put("shortened", false)
                .put("descendant", null)
                .put("additional_information", null)
                .put("self_configuration", false)
                .put("title", "")
                .put("validated", false)
                .put("waived", false);
    }

    static JsonObject tool(long id, String name, Long parent) {
        return new JsonObject()
                .put("id", id)
                .put("name", name)
                .put("_category", "Lithography/Optical")
                .put("visible", true)
                .put("_operational", true)
                .put("parent_tool", parent)
                .put("_location", "Bay 3")
                .put("_primary_owner", 1)
                .put("_description", null)
                .put("_operation_mode", 0);
    }

    static JsonObject task(long id, long tool, boolean forceShutdown, String problem, Instant created) {
        return new JsonObject()
                .put("id", id)
                .put("tool", tool)
                .put("urgency", forceShutdown ? 1 : 0)
                .put("force_shutdown", forceShutdown)
                .put("safety_hazard", false)
                .put("creator", 1)
                .put("creation_time", nemoTime(created))
                .put("problem_category", null)
                .put("problem_description", problem)
                .put("progress_description", null)
                .put("last_updated", null)
                .put("last_updated_by", null)
                .put("estimated_resolution_time", null)
                .put("cancelled", false)
                .put("resolved", false)
                .put("resolution_time", null)
                .put("resolver", null)
                .put("resolution_description", null)
                .put("resolution_category", null)
                .put("history", new JsonArray());
    }

    static JsonObject outage(long id, long tool, String title, Instant start, Instant end) {
        return new JsonObject()
                .put("id", id)
                .put("start", nemoTime(start))
                .put("end", nemoTime(end))
                .put("creator", 1)
                .put("title", title)
                .put("details", "")
                .put("category", "Maintenance")
                .put("tool", tool)
                .put("area", null)
                .put("resource", null)
                .put("reminder_days", null)
                .put("reminder_emails", null);
    }

    /** Replaces row {@code id} of {@code rows} by {@code change} applied to a copy of it. */
    static void update(List<JsonObject> rows, long id, java.util.function.UnaryOperator<JsonObject> change) {
        rows.replaceAll(row -> row.getLong("id") == id ? change.apply(row.copy()) : row);
    }

    @Override
    public void stop() {
        server.close();
        vertx.close();
    }
}
