package nemo.mqtt.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.FreePorts;
import nemo.mqtt.testing.JavaService;
import nemo.mqtt.testing.SharedServices;
import nemo.mqtt.testing.StackAddresses;

/**
 * The packaged services (prod profile) have no local addresses to fall back on (issue 15): without
 * one of them a service refuses to start and its log names what is missing, instead of quietly
 * talking to localhost. Each case starts the jar with every address but one: a real Redis and
 * PostgreSQL (the checks come after Flyway's migrations), a broker port nothing listens on.
 */
class ProductionConfigTest {

    private static final StackAddresses ALL = new StackAddresses(
            "redis://127.0.0.1:" + SharedServices.redis().port(),
            SharedServices.postgres().port(),
            null,
            FreePorts.next(),
            DevCerts.shared());

    static Stream<Arguments> addresses() {
        return Stream.of(
                Arguments.of("event-emitter", "QUARKUS_REDIS_HOSTS", "quarkus.redis.hosts"),
                Arguments.of("event-emitter", "QUARKUS_DATASOURCE_REACTIVE_URL", "quarkus.datasource.reactive.url"),
                Arguments.of("event-emitter", "QUARKUS_DATASOURCE_JDBC_URL", "quarkus.datasource.jdbc.url"),
                Arguments.of("mqtt-bridge", "QUARKUS_REDIS_HOSTS", "quarkus.redis.hosts"),
                Arguments.of("mqtt-bridge", "NEMO_BRIDGE_BROKER_HOST", "nemo.bridge.broker.host"),
                Arguments.of("mqtt-bridge", "NEMO_BRIDGE_BROKER_PORT", "nemo.bridge.broker.port"),
                Arguments.of("mqtt-bridge", "NEMO_BRIDGE_BROKER_TLS_CA_FILE", "nemo.bridge.broker.tls.ca-file"),
                Arguments.of("monitor-ui", "QUARKUS_REDIS_HOSTS", "quarkus.redis.hosts"),
                Arguments.of("monitor-ui", "QUARKUS_DATASOURCE_REACTIVE_URL", "quarkus.datasource.reactive.url"),
                Arguments.of("monitor-ui", "QUARKUS_DATASOURCE_JDBC_URL", "quarkus.datasource.jdbc.url"),
                Arguments.of("monitor-ui", "MP_MESSAGING_INCOMING_NEMO_HOST", "mp.messaging.incoming.nemo.host"),
                Arguments.of("monitor-ui", "MP_MESSAGING_INCOMING_NEMO_PORT", "mp.messaging.incoming.nemo.port"));
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("addresses")
    void refusesToStartWithoutIt(String module, String variable, String property) throws IOException {
        Map<String, String> env = new HashMap<>(everythingBut(module));
        env.remove(variable);
        try (JavaService service = new JavaService(module, module, env).start()) {
            await(module + " exits or starts")
                    .atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !service.isAlive()
                            || Files.readString(service.log()).contains(" started in "));
            String log = Files.readString(service.log());
            assertFalse(service.isAlive(), module + " started without " + variable + ":\n" + log);
            assertNotEquals(0, service.exitCode(), log);
            assertTrue(
                    log.contains(property) || log.contains(variable),
                    module + "'s log does not name " + property + ":\n" + log);
        }
    }

    /** Every address of {@code module}, and what else its prod profile needs to start. */
    private static Map<String, String> everythingBut(String module) {
        return switch (module) {
            case "event-emitter" -> ALL.emitter("config", "config-test-token");
            case "mqtt-bridge" -> ALL.bridge("config-test");
            default -> {
                Map<String, String> env = new HashMap<>(ALL.monitor());
                env.put("NEMO_MONITOR_SESSION_KEY", "config-test-session-key-0123456789-0123456789");
                yield env;
            }
        };
    }
}
