package nemo.mqtt.emitter;

import static nemo.mqtt.emitter.EmitterApi.entries;
import static nemo.mqtt.emitter.EmitterApi.postEnabled;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.PostgresTestResource;
import nemo.mqtt.testing.RedisNode;
import nemo.mqtt.testing.RedisSentinelTestResource;

/**
 * On a Sentinel group (master, replica, three sentinels) with the sentinel client: events accepted
 * before, during and after the master is SIGKILLed reach the new master's stream once each, in seq
 * order (the rollback guard appends again what the promoted replica never got).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(
        value = RedisSentinelTestResource.class,
        restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "nemo.streams.key-prefix", value = "sentinel:events"))
class SentinelFailoverTest {

    @Test
    void everyEventReachesTheNewMasterOnceInSeqOrder() {
        long tool = 6601;
        int events = 60;
        RedisNode master = RedisSentinelTestResource.group().master();
        for (int i = 0; i < events; i++) {
            if (i == events / 3) {
                master.kill();
            }
            postEnabled(tool, "U" + i);
        }
        await().atMost(Duration.ofSeconds(40))
                .until(() -> RedisSentinelTestResource.group().master() != master);
        List<Long> seqs = await().atMost(Duration.ofSeconds(40))
                .ignoreExceptions()
                .until(() -> enabled(tool), list -> list.size() >= events);
        assertEquals(LongStream.rangeClosed(1, events).boxed().toList(), seqs, "each event once, in seq order");
    }

    private List<Long> enabled(long tool) {
        return entries(tool).stream()
                .filter(m ->
                        ("nemo/tools/" + tool + "/enabled").equals(m.payload().get("topic")))
                .map(m -> Long.parseLong(m.payload().get("seq")))
                .toList();
    }
}
