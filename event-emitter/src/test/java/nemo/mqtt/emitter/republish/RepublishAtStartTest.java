package nemo.mqtt.emitter.republish;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.matchesRegex;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import nemo.mqtt.emitter.WithPostgresAndRedis;
import nemo.mqtt.testing.SharedServices;
import nemo.mqtt.wire.Republish;

/** A republish asked for while no emitter ran (the monitor's button during an upgrade) is served once it starts. */
@QuarkusTest
@TestProfile(RepublishAtStartTest.OwnStreams.class)
@WithPostgresAndRedis
@QuarkusTestResource(value = RepublishAtStartTest.AskedBeforeStart.class, restrictToAnnotatedClass = true)
class RepublishAtStartTest {

    private static final String PREFIX = "pending:events";

    public static class OwnStreams implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("nemo.streams.key-prefix", PREFIX);
        }
    }

    /** Sets the request in Redis before the emitter starts, as the monitor would (RESP over a socket: no client yet). */
    public static class AskedBeforeStart implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            String key = Republish.key(PREFIX);
            String value =
                    "{\"reason\":\"admin_request\",\"requested_by\":\"admin@lab\",\"requested_at\":\"2026-11-30T09:00:00.000+00:00\"}";
            try (Socket redis = new Socket("127.0.0.1", SharedServices.redis().port())) {
                OutputStream out = redis.getOutputStream();
                out.write(("*3\r\n$3\r\nSET\r\n$" + key.length() + "\r\n" + key + "\r\n$" + value.length() + "\r\n"
                                + value + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                byte[] reply = new byte[5];
                if (redis.getInputStream().readNBytes(reply, 0, 5) != 5
                        || !"+OK\r\n".equals(new String(reply, StandardCharsets.US_ASCII))) {
                    throw new IllegalStateException("Redis did not take the request");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of();
        }

        @Override
        public void stop() {
            // the key is gone once served
        }
    }

    @Inject
    RedisDataSource redis;

    @Test
    void aRequestMadeBeforeTheStartIsServedOnce() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> redis.key(String.class).exists(Republish.key(PREFIX)) == false);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/q/metrics")
                        .then()
                        .statusCode(200)
                        .body(matchesRegex("(?s).*nemo_republish_total\\{reason=\"admin_request\"\\} 1(\\.0)?\\R.*")));
    }
}
