package nemo.mqtt.emitter.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.RepoPaths;

/** What DisplayPayload writes is what docs/asyncapi.yaml says the display topic carries. */
class DisplayContractTest {

    @Test
    void displayMessagesMatchTheirSchema() throws Exception {
        JsonNode schemas = new ObjectMapper(new YAMLFactory())
                .readTree(RepoPaths.root().resolve("docs/asyncapi.yaml").toFile())
                .at("/components/schemas");
        JsonSchema schema =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemas.get("ToolDisplay"));
        ObjectMapper json = new ObjectMapper();
        Random random = new Random(7);
        String[] states = {"shutdown", "outage", "problem", "in_use", "delayed_logoff", "idle"};
        String[] names = {null, "Alice Smith", "Jürgen Müller", "山田 太郎", "😀", "x".repeat(300), "O'Brien \"Bob\" \\"};
        for (int i = 0; i < 500; i++) {
            String payload = new DisplayPayload(
                            1 + random.nextInt(1000),
                            states[random.nextInt(states.length)],
                            names[random.nextInt(names.length)],
                            OffsetDateTime.now(),
                            random.nextBoolean() ? null : OffsetDateTime.now(),
                            names[random.nextInt(names.length)],
                            names[random.nextInt(names.length)])
                    .json("nemo/tools/" + i + "/display", ZoneId.of("America/New_York"));
            Set<ValidationMessage> problems = schema.validate(json.readTree(payload));
            assertEquals(Set.of(), problems, payload);
        }
    }
}
