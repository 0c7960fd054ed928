package nemo.mqtt.testing;

import java.time.OffsetDateTime;
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

/**
 * A NEMO server for the poller's tests and delay benchmark: real HTTP, the rows of its lists (JSON
 * shaped like NEMO 8's serializers, see {@link NemoJson}), the filters the poller uses (others are
 * ignored, as NEMO does), token auth. Every request is logged. One per JVM (its state is static);
 * {@link #start()} gives the emitter's poller settings pointing at it.
 */
public class FakeNemo implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "nemo-test-key";

    public static final List<JsonObject> usages = new CopyOnWriteArrayList<>();
    /** NEMO's /api/tools/: id, name, _category, _operational, parent_tool, ... */
    public static final List<JsonObject> toolList = new CopyOnWriteArrayList<>();

    public static final List<JsonObject> reservations = new CopyOnWriteArrayList<>();
    public static final List<JsonObject> tasks = new CopyOnWriteArrayList<>();
    public static final List<JsonObject> outages = new CopyOnWriteArrayList<>();
    /** Every request's path and query, in order. */
    public static final List<String> requests = new CopyOnWriteArrayList<>();

    public static volatile int failWith;
    /** The token NEMO accepts (change it to refuse the poller's). */
    public static volatile String acceptedToken = TOKEN;

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

    /** Replaces row {@code id} of {@code rows} by {@code change} applied to a copy of it. */
    public static void update(List<JsonObject> rows, long id, java.util.function.UnaryOperator<JsonObject> change) {
        rows.replaceAll(row -> row.getLong("id") == id ? change.apply(row.copy()) : row);
    }

    @Override
    public void stop() {
        server.close();
        vertx.close();
    }
}
