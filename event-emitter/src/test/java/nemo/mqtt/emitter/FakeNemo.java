package nemo.mqtt.emitter;

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
import nemo.mqtt.testing.FreePorts;

/**
 * A NEMO server for the tests: real HTTP, JSON shaped like NEMO 8's serializers, the filters the
 * poller uses (end__isnull, start__gte, end__gte, id__in; others ignored, as NEMO does), token auth.
 */
public class FakeNemo implements QuarkusTestResourceLifecycleManager {

    static final String TOKEN = "nemo-test-key";
    static final List<JsonObject> usages = new CopyOnWriteArrayList<>();
    static final List<JsonObject> tools = new CopyOnWriteArrayList<>();
    static final List<JsonObject> reservations = new CopyOnWriteArrayList<>();
    /** NEMO's /api/tools/: id, name, category, parent_tool, ... (children point at their parent). */
    static final List<JsonObject> toolList = new CopyOnWriteArrayList<>();
    static volatile int failWith;

    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        int port = FreePorts.next();
        try {
            server = vertx.createHttpServer().requestHandler(FakeNemo::handle).listen(port, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("nemo.emitter.poller.enabled", "true",
                "nemo.emitter.poller.base-url", "http://127.0.0.1:" + port,
                "nemo.emitter.poller.token", TOKEN,
                "nemo.emitter.poller.usage-interval", "1s",
                "nemo.emitter.poller.status-interval", "1s",
                "nemo.emitter.poller.backoff-initial", "100ms",
                "nemo.emitter.poller.backoff-max", "400ms",
                "nemo.emitter.streams.key-prefix", "poller:events");
    }

    private static void handle(HttpServerRequest request) {
        if (!("Token " + TOKEN).equals(request.getHeader("Authorization"))) {
            request.response().setStatusCode(401).end("{\"detail\":\"Invalid token.\"}");
            return;
        }
        if (failWith != 0) {
            request.response().setStatusCode(failWith).end("<h1>Server Error</h1>");
            return;
        }
        JsonArray body = new JsonArray();
        if (request.path().equals("/api/usage_events/")) {
            Predicate<JsonObject> filter = u -> true;
            if ("true".equals(request.getParam("end__isnull"))) {
                filter = filter.and(u -> u.getValue("end") == null);
            }
            String startGte = request.getParam("start__gte");
            if (startGte != null) {
                filter = filter.and(u -> !time(u.getString("start")).isBefore(time(startGte)));
            }
            String endGte = request.getParam("end__gte");
            if (endGte != null) {
                filter = filter.and(u -> u.getString("end") != null && !time(u.getString("end")).isBefore(time(endGte)));
            }
            String idIn = request.getParam("id__in");
            if (idIn != null) {
                List<String> ids = List.of(idIn.split(","));
                filter = filter.and(u -> ids.contains(String.valueOf(u.getLong("id"))));
            }
            usages.stream().filter(filter).forEach(body::add);
        } else if (request.path().equals("/api/tools/")) {
            toolList.forEach(body::add);
        } else if (request.path().equals("/api/reservations/")) {
            Predicate<JsonObject> filter = r -> true;
            String startGt = request.getParam("start__gt");
            if (startGt != null) {
                filter = filter.and(r -> time(r.getString("start")).isAfter(time(startGt)));
            }
            for (String flag : List.of("cancelled", "missed", "shortened")) {
                if ("false".equals(request.getParam(flag))) {
                    filter = filter.and(r -> !r.getBoolean(flag));
                }
            }
            reservations.stream().filter(filter).forEach(body::add);
        } else if (request.path().equals("/api/tool_status/")) {
            tools.forEach(body::add);
        } else {
            request.response().setStatusCode(404).end();
            return;
        }
        request.response().putHeader("Content-Type", "application/json").end(body.encode());
    }

    private static OffsetDateTime time(String value) {
        return OffsetDateTime.parse(value);
    }

    static JsonObject usage(long id, long tool, String first, String last, OffsetDateTime start, OffsetDateTime end) {
        JsonObject user = new JsonObject().put("id", id * 10).put("username", (first.charAt(0) + last).toLowerCase())
                .put("first_name", first).put("last_name", last).put("email", first.toLowerCase() + "@lab.example")
                .put("is_active", true);
        return new JsonObject().put("id", id).put("user", user).put("operator", user.copy()).put("project", 5)
                .put("tool", tool).put("start", start.toString()).put("end", end == null ? null : end.toString())
                .put("validated", false).put("remote_work", false).put("training", false).put("pre_run_data", null)
                .put("run_data", null).put("waived", false).put("waived_on", null).put("waived_by", null)
                .put("validated_by", null).put("has_ended", end == null ? 0 : 1);
    }

    static JsonObject reservation(long id, long tool, String first, String last, OffsetDateTime start, OffsetDateTime end) {
        JsonObject user = new JsonObject().put("id", id * 10).put("username", (first.charAt(0) + last).toLowerCase())
                .put("first_name", first).put("last_name", last);
        return new JsonObject().put("id", id).put("user", user).put("creator", user.getLong("id")).put("tool", tool)
                .put("area", null).put("project", 5).put("start", start.toString()).put("end", end.toString())
                .put("short_notice", false).put("cancelled", false).put("cancellation_time", null)
                .put("cancelled_by", null).put("missed", false).put("shortened", false).put("descendant", null)
                .put("additional_information", null).put("self_configuration", false).put("title", null)
                .put("validated", false).put("waived", false);
    }

    static JsonObject tool(long id, String name, Long parent) {
        return new JsonObject().put("id", id).put("name", name).put("category", "Lithography").put("visible", true)
                .put("operational", true).put("parent_tool", parent).put("location", "Bay 3")
                .put("primary_owner", 1).put("_description", null);
    }

    static JsonObject toolStatus(long id, String name, boolean operational, boolean problematic) {
        return new JsonObject().put("id", id).put("name", name).put("visible", true).put("operational", operational)
                .put("problematic", problematic).put("in_use", false).put("customer_name", null)
                .put("customer_username", null).put("operator_name", null).put("current_usage_id", null)
                .put("current_usage_start", null).put("delayed_logoff_in_progress", false);
    }

    @Override
    public void stop() {
        server.close();
        vertx.close();
    }
}
