package nemo.mqtt.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * A test's own connection to a Redis, one command at a time: it sends a command and waits for the
 * answer, so a test reads streams and keys as plain values. Closing it closes its Vert.x.
 */
public final class BlockingRedis implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final Redis redis;
    private final Duration timeout;

    /** Takes the Redis URI (redis://[:password@]host:port) and how long to wait for each answer. */
    public BlockingRedis(String uri, Duration timeout) {
        this.redis = Redis.createClient(vertx, uri);
        this.timeout = timeout;
    }

    /** Sends {@code request} and answers its reply (null for a nil one); throws on an error or a timeout. */
    public Response send(Request request) {
        try {
            return redis.send(request)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        redis.close();
        vertx.close();
    }
}
