package nemo.mqtt.bridge;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.JavaService;
import nemo.mqtt.testing.ServiceProcess;
import nemo.mqtt.testing.StackAddresses;

/**
 * A Redis and a TLS Mosquitto of a test's own, for tests that run bridge replicas as processes
 * ({@link JavaService}), with a plain client to look into Redis.
 */
final class RedisAndBroker implements AutoCloseable {

    final ServiceProcess redisServer = ServiceProcess.redis();
    final ServiceProcess broker = ServiceProcess.mosquitto(DevCerts.shared().dir());
    private final Vertx vertx = Vertx.vertx();
    private final Redis redis = Redis.createClient(vertx, "redis://127.0.0.1:" + redisServer.port());

    /** A started bridge replica process with the consumer name {@code name} on these two, with {@code env} added. */
    JavaService replica(String name, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(
                StackAddresses.of(redisServer, null, broker, DevCerts.shared()).bridge(name));
        all.putAll(env);
        return new JavaService("bridge-" + name, "mqtt-bridge", all).start();
    }

    /** Sends {@code request}, waiting at most 10 s; null for a nil answer. */
    Response send(Request request) {
        try {
            return redis.send(request).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        vertx.close();
        broker.stop();
        redisServer.stop();
    }
}
