package nemo.mqtt.emitter;

import static nemo.mqtt.emitter.EmitterApi.accept;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import nemo.mqtt.emitter.event.Shards;

/** With a signing key, every payload travels in the plugin family's HMAC envelope. */
@QuarkusTest
@TestProfile(SigningTest.WithKey.class)
@WithPostgresAndRedis
class SigningTest {

    static final String KEY = "s3cret-ключ";

    public static class WithKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // as a Secret file often gives it: with a trailing newline, which must not be signed with
            return Map.of("nemo.emitter.signing.key", KEY + "\n", "nemo.streams.key-prefix", "signed:events");
        }
    }

    @Inject
    RedisDataSource redis;

    @Inject
    Shards shards;

    @Test
    void theEnvelopeCarriesAnHmacThatAnIndependentImplementationAgreesWith() throws Exception {
        accept("{\"event\":\"tool_enabled\",\"tool_id\":7101,\"tool_name\":\"Zeiss «Auriga»\"}");
        List<JsonObject> envelopes = await().atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                redis.stream(String.class)
                                        .xrange(shards.streamKey(7101), StreamRange.of("-", "+"))
                                        .stream()
                                        .filter(m -> "7101".equals(m.payload().get("tool_id")))
                                        .filter(m -> !m.payload()
                                                .get("topic")
                                                .endsWith("/display")) // never signed: see DisplayPayload
                                        .map(m -> new JsonObject(m.payload().get("payload")))
                                        .toList(),
                        l -> l.size() == 2);
        for (JsonObject envelope : envelopes) {
            assertEquals("sha256", envelope.getString("algo"));
            String payload = envelope.getString("payload");
            assertEquals(7101L, new JsonObject(payload).getLong("tool_id"));
            assertEquals(opensslHmac(KEY, payload), envelope.getString("hmac"));
        }
    }

    /** HMAC-SHA256 by OpenSSL's command line over the exact payload bytes: not our code. */
    private static String opensslHmac(String key, String payload) throws Exception {
        Process openssl = new ProcessBuilder("openssl", "dgst", "-sha256", "-hmac", key, "-r").start();
        openssl.getOutputStream().write(payload.getBytes(StandardCharsets.UTF_8));
        openssl.getOutputStream().close();
        String out = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        openssl.waitFor(10, TimeUnit.SECONDS);
        return out.split(" ")[0].strip();
    }
}
