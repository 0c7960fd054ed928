package nemo.mqtt.e2e.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.vertx.core.json.JsonObject;

/**
 * A steady stream of POSTs, as lab backends send them: one client per tool, each sending its tool's
 * usages in turn (tool_enabled, then tool_disabled) at a fixed pace, one request at a time, and
 * retrying a request that got no 202 with the same event_id (the emitter de-duplicates) until it does.
 */
final class SteadyLoad {

    /** An event the emitter answered 202, with the seq it gave it. */
    record Accepted(
            String eventId, long toolId, long seq, String event, long usageId, String userName, long acceptedNanos) {}

    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI events;
    private final String token;
    private final int tools;
    private final Duration periodPerTool;
    private final ExecutorService clients;
    private volatile boolean sending = true;

    final Map<String, Accepted> accepted = new ConcurrentHashMap<>();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong attempts = new AtomicLong();
    final AtomicLong failedAttempts = new AtomicLong();
    /** Answers that are neither 202 nor a reason to retry: each one fails the test. */
    final List<String> refusals = new CopyOnWriteArrayList<>();

    SteadyLoad(int emitterPort, String token, int tools, int eventsPerSecond) {
        this.events = URI.create("http://127.0.0.1:" + emitterPort + "/api/v1/events");
        this.token = token;
        this.tools = tools;
        this.periodPerTool = Duration.ofNanos(TimeUnit.SECONDS.toNanos(tools) / eventsPerSecond);
        this.clients = Executors.newFixedThreadPool(tools, r -> {
            Thread t = new Thread(r, "chaos-load");
            t.setDaemon(true);
            return t;
        });
    }

    SteadyLoad start() {
        for (int tool = 1; tool <= tools; tool++) {
            int toolId = tool;
            clients.submit(() -> runTool(toolId));
        }
        return this;
    }

    /** Stops starting new events; those being retried go on until answered or {@code atMost} passes. */
    void finish(Duration atMost) throws InterruptedException {
        sending = false;
        clients.shutdown();
        if (!clients.awaitTermination(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            clients.shutdownNow();
            throw new AssertionError(
                    "events still without a 202 after " + atMost + ": sent " + sent + ", accepted " + accepted.size());
        }
    }

    private void runTool(long toolId) {
        long next = System.nanoTime();
        for (long usage = 1; sending; usage++) {
            String user = "User " + toolId + "-" + usage;
            for (String event : List.of("tool_enabled", "tool_disabled")) {
                if (!sending) {
                    return;
                }
                send(toolId, event, usage, user);
                next += periodPerTool.toNanos();
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // pacing of the load, not synchronisation
                } else {
                    next = System.nanoTime(); // behind after an outage: carry on at the pace, no burst
                }
            }
        }
    }

    private void send(long toolId, String event, long usage, String user) {
        String eventId = UUID.randomUUID().toString();
        String body = new JsonObject()
                .put("event", event)
                .put("event_id", eventId)
                .put("tool_id", toolId)
                .put("tool_name", "Chaos tool " + toolId)
                .put("user_name", user)
                .put("usage_id", usage)
                .encode();
        HttpRequest request = HttpRequest.newBuilder(events)
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        sent.incrementAndGet();
        while (true) {
            attempts.incrementAndGet();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202) {
                    JsonObject answer = new JsonObject(response.body());
                    if (!eventId.equals(answer.getString("event_id"))) {
                        refusals.add("202 for " + eventId + " names " + answer);
                        return;
                    }
                    accepted.put(
                            eventId,
                            new Accepted(
                                    eventId, toolId, answer.getLong("seq"), event, usage, user, System.nanoTime()));
                    return;
                }
                if (response.statusCode() / 100 == 4) {
                    refusals.add(response.statusCode() + " " + response.body() + " for " + body);
                    return; // a refusal is final: the test fails on it
                }
            } catch (IOException e) {
                // emitter down or killed mid-request: the same event_id again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            failedAttempts.incrementAndGet();
            LockSupport.parkNanos(RETRY_PAUSE.toNanos());
        }
    }
}
