package nemo.mqtt.bridge;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.ServiceProcess;

/**
 * A Redis and a TLS Mosquitto of a test's own, for tests that run bridge replicas as processes
 * ({@link BridgeReplica}), with a plain client to look into Redis.
 */
final class RedisAndBroker implements AutoCloseable {

    final ServiceProcess redisServer = ServiceProcess.redis();
    final ServiceProcess broker = ServiceProcess.mosquitto(DevCerts.shared().dir());
    private final Vertx vertx = Vertx.vertx();
    private final Redis redis = Redis.createClient(vertx, "redis://127.0.0.1:" + redisServer.port());

    /** A bridge replica process named {@code name} on these two, with {@code env} added. */
    BridgeReplica replica(String name, Map<String, String> env) {
        return new BridgeReplica(name, redisServer.port(), broker.port(), DevCerts.shared(), env);
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
