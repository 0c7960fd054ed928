package nemo.mqtt.bench;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.TestMqttClient;

/**
 * The two paths of the end-to-end latency benchmark as {@link OpenLoop.Sender}s of single
 * {@code tool_enabled} events on {@code tools} tools, each noted at its intended send time in a
 * {@link LatencyRecorder} by {@code event_id}: a POST to the event-emitter ({@link #post}) and a plain
 * Vert.x QoS 1 publish straight to the broker ({@link #direct}, the baseline). Counts what was accepted.
 */
final class StackSenders implements AutoCloseable {

    private final LatencyRecorder recorder;
    private final int tools;
    private final SendOutcomes answers = new SendOutcomes();
    private final WebClient web;
    private final MqttClient publisher;
    private final Context publisherContext;

    /** Connects the direct publisher to the broker on localhost:{@code mqttPort} with the "bridge" certificate. */
    StackSenders(Vertx vertx, DevCerts certs, int mqttPort, LatencyRecorder recorder, int tools) throws Exception {
        this.recorder = recorder;
        this.tools = tools;
        this.web = WebClient.create(
                vertx, new WebClientOptions().setMaxPoolSize(256).setKeepAlive(true));
        MqttClientOptions options = TestMqttClient.tlsOptions(certs.ca(), certs, "bridge");
        options.setClientId("bench-direct-" + UUID.randomUUID()).setMaxInflightQueue(65535);
        this.publisherContext = vertx.getOrCreateContext();
        this.publisher = MqttClient.create(vertx, options);
        publisher
                .connect(mqttPort, "localhost")
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    /** The events accepted (a 202 naming it, a publish written) and failed so far. */
    SendOutcomes answers() {
        return answers;
    }

    /** POST /api/v1/events on localhost:{@code port} with {@code token}; accepted on a 202 naming the event. */
    OpenLoop.Sender post(int port, String token) {
        return (i, intended) -> {
            String id = UUID.randomUUID().toString();
            recorder.started(id, intended);
            web.post(port, "localhost", "/api/v1/events")
                    .bearerTokenAuthentication(token)
                    .putHeader("Content-Type", "application/json")
                    .sendBuffer(Buffer.buffer(event(id, i).encode()))
                    .onSuccess(response -> {
                        if (response.statusCode() == 202
                                && id.equals(response.bodyAsJsonObject().getString("event_id"))) {
                            answers.answered(intended);
                        } else {
                            answers.failed();
                        }
                    })
                    .onFailure(e -> answers.failed());
        };
    }

    /** The same kind of payload published straight to the broker, as the bridge would; accepted once written. */
    OpenLoop.Sender direct() {
        return (i, intended) -> {
            String id = UUID.randomUUID().toString();
            recorder.started(id, intended);
            JsonObject payload = event(id, i).put("seq", i);
            long tool = payload.getLong("tool_id");
            publisherContext.runOnContext(v -> publisher
                    .publish(
                            "nemo/tools/" + tool + "/enabled",
                            Buffer.buffer(payload.encode()),
                            MqttQoS.AT_LEAST_ONCE,
                            false,
                            false)
                    .onSuccess(x -> answers.answered(intended))
                    .onFailure(e -> answers.failed()));
        };
    }

    private JsonObject event(String id, long i) {
        long tool = 1 + i % tools;
        return new JsonObject()
                .put("event", "tool_enabled")
                .put("event_id", id)
                .put("tool_id", tool)
                .put("tool_name", "Bench")
                .put("user_name", "Bench User " + tool);
    }

    @Override
    public void close() {
        publisher.disconnect();
        web.close();
    }
}
