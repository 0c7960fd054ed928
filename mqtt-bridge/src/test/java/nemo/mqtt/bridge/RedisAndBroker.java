package nemo.mqtt.bridge;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import nemo.mqtt.testing.BlockingRedis;
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
    private final BlockingRedis redis =
            new BlockingRedis("redis://127.0.0.1:" + redisServer.port(), Duration.ofSeconds(10));

    /** A started bridge replica process with the consumer name {@code name} on these two, with {@code env} added. */
    JavaService replica(String name, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(
                StackAddresses.of(redisServer, null, broker, DevCerts.shared()).bridge(name));
        all.putAll(env);
        return new JavaService("bridge-" + name, "mqtt-bridge", all).start();
    }

    /** Sends {@code request}, waiting at most 10 s; null for a nil answer. */
    Response send(Request request) {
        return redis.send(request);
    }

    @Override
    public void close() {
        redis.close();
        broker.stop();
        redisServer.stop();
    }
}
