package nemo.mqtt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import nemo.mqtt.testing.LocalStack;
import nemo.mqtt.testing.ServiceProcess;
import nemo.mqtt.testing.TestMqttClient;

/**
 * The stack from the README's one command (deploy/local/run.sh) that the {@link OnSharedStack} classes
 * share, so it starts once per test run: with a display that records everything it publishes (checked
 * against the contract by {@link StackContractTest}), its shard streams and its event API. A test
 * method of an {@link OnSharedStack} class takes it (or just its {@link LocalStack}) as a parameter; it
 * stops when the run ends, or earlier when {@link StackShutdownTest}, ordered after the others, presses Ctrl-C.
 */
final class SharedStack implements AutoCloseable {

    final LocalStack stack;
    /** nginx with its default proxy settings in front of the monitor, as a site might put it. */
    final ServiceProcess proxy;
    /** Everything the stack publishes, from its start on. */
    final TestMqttClient recorder;

    final ShardStreams streams;
    private final HttpClient http = HttpClient.newHttpClient();

    private SharedStack() {
        LocalStack local = new LocalStack();
        proxy = ServiceProcess.nginx(local.monitorPort);
        // nginx's default proxy_pass rewrites Host to the upstream's, so the monitor cannot see the origin
        // the browser used: the operator names it (README), or the monitor refuses every POST through it
        stack = local.start(Map.of("NEMO_MONITOR_ALLOWED_ORIGINS", "http://127.0.0.1:" + proxy.port()));
        recorder = TestMqttClient.display(stack.certs, stack.mqttPort).connect().subscribe("nemo/#");
        try {
            streams = new ShardStreams(stack.redisUri());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A display of the stack's broker (TLS, the "display" certificate) subscribed to {@code filter}. */
    TestMqttClient display(String filter) {
        return TestMqttClient.display(stack.certs, stack.mqttPort).connect().subscribe(filter);
    }

    /** Posts {@code body} to the event API with the stack's token; asserts 202 and returns the answer (an array's as "items"). */
    JsonObject post(String body) throws Exception {
        HttpResponse<String> response = send(body, stack.apiToken());
        assertEquals(202, response.statusCode(), response.body());
        return body.strip().startsWith("[")
                ? new JsonObject().put("items", new JsonArray(response.body()))
                : new JsonObject(response.body());
    }

    /** Posts {@code body} to the event API with {@code token} (none when null) and returns the answer as it is. */
    HttpResponse<String> send(String body, String token) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(stack.emitter("/api/v1/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The entries the bridges' consumer group has read and not yet acknowledged. */
    long pending() {
        return streams.pending("mqtt-bridge");
    }

    @Override
    public void close() {
        recorder.close();
        streams.close();
        stack.close();
        proxy.stop();
    }

    /** Gives test methods the run's one {@link SharedStack} or its {@link LocalStack}, starting it on first use. */
    static final class Resolver implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            return type == SharedStack.class || type == LocalStack.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            SharedStack shared = context.getRoot()
                    .getStore(ExtensionContext.Namespace.create(SharedStack.class))
                    .computeIfAbsent(SharedStack.class, key -> new SharedStack(), SharedStack.class);
            return parameter.getParameter().getType() == LocalStack.class ? shared.stack : shared;
        }
    }
}
