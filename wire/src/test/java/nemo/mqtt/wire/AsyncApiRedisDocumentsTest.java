package nemo.mqtt.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/**
 * docs/asyncapi.yaml and the wire module name the same fields for the two Redis documents between
 * monitor-ui and the bridges: the broker settings announcement and a replica's heartbeat.
 */
class AsyncApiRedisDocumentsTest {

    private static final JsonNode CONTRACT = read();

    @Test
    void theSettingsDocumentHasTheWireFieldsAndOnlyTheOptionalOnesMayBeLeftOut() {
        JsonNode schema = CONTRACT.at("/components/schemas/BrokerSettingsDocument");
        assertEquals(fields(SettingsDocument.values(), SettingsDocument::field), properties(schema));
        assertEquals(
                fields(SettingsDocument.values(), SettingsDocument::field).stream()
                        .filter(f -> SettingsDocument.OPTIONAL.stream()
                                .noneMatch(o -> o.field().equals(f)))
                        .collect(Collectors.toCollection(TreeSet::new)),
                required(schema));
        assertFalse(schema.path("additionalProperties").asBoolean(true), "no field beyond the wire's");
        assertEquals(
                "#/components/schemas/BrokerSettingsDocument",
                CONTRACT.at("/components/messages/BrokerSettingsDocument/payload/$ref")
                        .asText());
    }

    @Test
    void theHeartbeatHasEveryWireFieldAlways() {
        JsonNode schema = CONTRACT.at("/components/schemas/BridgeHeartbeat");
        Set<String> wire = fields(BridgeHeartbeat.values(), BridgeHeartbeat::field);
        assertEquals(wire, properties(schema));
        assertEquals(wire, required(schema));
        assertFalse(schema.path("additionalProperties").asBoolean(true), "no field beyond the wire's");
        assertEquals(
                RedisKeys.heartbeat("nemo:bridge:heartbeat:", "{replica}"),
                CONTRACT.at("/channels/bridgeHeartbeat/address").asText(),
                "the channel is the heartbeat key under the default prefix");
    }

    private static <E> Set<String> fields(E[] values, Function<E, String> field) {
        return Arrays.stream(values).map(field).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> properties(JsonNode schema) {
        Set<String> names = new TreeSet<>();
        schema.path("properties").fieldNames().forEachRemaining(names::add);
        assertFalse(names.isEmpty(), "the contract describes no fields: " + schema);
        return names;
    }

    private static Set<String> required(JsonNode schema) {
        return StreamSupport.stream(schema.path("required").spliterator(), false)
                .map(JsonNode::asText)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The contract, found from the module's directory up to the repository's docs/. */
    private static JsonNode read() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/asyncapi.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "docs/asyncapi.yaml not found above " + Path.of("").toAbsolutePath());
        }
        try {
            return new ObjectMapper(new YAMLFactory())
                    .readTree(dir.resolve("docs/asyncapi.yaml").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
