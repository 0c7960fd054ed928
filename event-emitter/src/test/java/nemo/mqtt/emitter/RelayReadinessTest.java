package nemo.mqtt.emitter;

import static io.restassured.RestAssured.given;
import static nemo.mqtt.emitter.EmitterApi.accept;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import nemo.mqtt.emitter.event.Shards;

/** A relay that keeps failing while Redis answers makes the emitter unready, and ready again once it delivers. */
@QuarkusTest
@WithPostgresAndRedis
class RelayReadinessTest {

    @Inject
    RedisDataSource redis;

    @Inject
    Shards shards;

    @Test
    void aRelayRedisRefusesIsNotReadyAndSaysWhy() {
        long tool = 9901;
        String stream = shards.streamKey(tool);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        redis.value(String.class).set(stream, "not a stream"); // Redis answers, but refuses every XADD there
        try {
            accept("{\"event\":\"tool_enabled\",\"tool_id\":" + tool + "}");
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> given().get("/q/health/ready")
                            .then()
                            .statusCode(503)
                            .body(containsString("Redis answers but the relay cannot deliver"))
                            .body(containsString("WRONGTYPE")));
        } finally {
            redis.key().del(stream);
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> given().get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body(not(containsString("failing")))
                        .body(not(containsString("degraded"))));
    }
}
