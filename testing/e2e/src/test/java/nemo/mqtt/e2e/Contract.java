package nemo.mqtt.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import nemo.mqtt.testing.RepoPaths;

/** The wire contract as documented in docs/asyncapi.yaml, applied to real messages. */
final class Contract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Pattern, String> SCHEMA_BY_TOPIC = Map.of(
            Pattern.compile("nemo/tools/\\d+/(enabled|disabled|operational|non-operational|tasks)"), "ToolEvent",
            Pattern.compile("nemo/tools/\\d+/status"), "ToolStatus",
            Pattern.compile("nemo/tools/\\d+/next"), "ToolNextReservation",
            Pattern.compile("nemo/tools/\\d+/display"), "ToolDisplay",
            Pattern.compile("nemo/reservations/\\d+"), "ReservationEvent");

    private final JsonNode schemas;
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    Contract() {
        try {
            schemas = new ObjectMapper(new YAMLFactory())
                    .readTree(RepoPaths.root().resolve("docs/asyncapi.yaml").toFile())
                    .at("/components/schemas");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Problems of an MQTT message against the schema of its topic; empty when it conforms. */
    Set<String> checkMessage(String topic, String payload) {
        String schema = SCHEMA_BY_TOPIC.entrySet().stream()
                .filter(e -> e.getKey().matcher(topic).matches())
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
        if (schema == null) {
            return Set.of("no channel of the contract has topic " + topic);
        }
        return check(schema, payload);
    }

    /** Problems of a stream entry's fields against StreamEntry, and of its payload against its topic's schema. */
    Set<String> checkStreamEntry(Map<String, String> fields) {
        Set<String> problems = new java.util.TreeSet<>(check("StreamEntry", JSON.valueToTree(fields)));
        if (fields.containsKey("topic") && fields.containsKey("payload")) {
            problems.addAll(checkMessage(fields.get("topic"), fields.get("payload")));
        }
        return problems;
    }

    private Set<String> check(String schema, String json) {
        try {
            return check(schema, JSON.readTree(json));
        } catch (IOException e) {
            return Set.of("not JSON: " + e.getMessage());
        }
    }

    private Set<String> check(String schema, JsonNode node) {
        JsonSchema validator = compiled.computeIfAbsent(schema, name -> factory.getSchema(schemas.get(name), config));
        return validator.validate(node).stream()
                .map(ValidationMessage::getMessage)
                .collect(Collectors.toSet());
    }
}
