package nemo.mqtt.emitter;

import static io.restassured.RestAssured.given;
import static nemo.mqtt.emitter.EmitterApi.authorized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document is the real contract: real requests validate against its request
 * schema, and every real answer has a status the operation declares and a body that validates
 * against the schema declared for that status and media type.
 */
@QuarkusTest
@WithPostgresAndRedis
class OpenApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    private JsonNode doc;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    @BeforeEach
    void fetchTheDocument() throws Exception {
        doc = JSON.readTree(given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    @Test
    void itDescribesTheSecurityAndTheWireNames() {
        assertEquals("http", doc.at("/components/securitySchemes/bearer/type").asText());
        assertEquals(
                "bearer", doc.at("/components/securitySchemes/bearer/scheme").asText());
        for (String op : List.of(
                "/paths/~1api~1v1~1events/post",
                "/paths/~1api~1v1~1events/get",
                "/paths/~1api~1v1~1tools/get",
                "/paths/~1api~1v1~1tools~1{tool_id}/get")) {
            assertTrue(doc.at(op + "/security/0").has("bearer"), op + " needs the bearer token");
        }
        Set<String> declared = fieldNames(doc.at("/paths/~1api~1v1~1events/post/responses"));
        assertTrue(declared.containsAll(Set.of("202", "400", "401", "413", "415", "422")), declared.toString());
        List<String> notSnake = new ArrayList<>();
        doc.at("/components/schemas")
                .fields()
                .forEachRemaining(schema -> schema.getValue()
                        .path("properties")
                        .fieldNames()
                        .forEachRemaining(p -> {
                            if (!SNAKE.matcher(p).matches()) {
                                notSnake.add(schema.getKey() + "." + p);
                            }
                        }));
        assertEquals(List.of(), notSnake);
        assertTrue(fieldNames(doc.at("/components/schemas/EventRequest/properties"))
                .containsAll(Set.of("event", "tool_id", "event_id", "start_time", "task_id")));
    }

    @Test
    void realRequestsAndAnswersFollowTheDocument() {
        String one = "{\"event\":\"tool_enabled\",\"tool_id\":7801,\"tool_name\":\"Woollam\",\"user_name\":\"Alice\","
                + "\"usage_id\":1,\"start_time\":\"2026-11-30T09:00:00+01:00\",\"event_id\":\"" + UUID.randomUUID()
                + "\"}";
        String batch = "[{\"event\":\"reservation_created\",\"tool_id\":7801,\"reservation_id\":7811,"
                + "\"start_time\":\"2999-01-01T09:00:00Z\"},{\"event\":\"tool_disabled\",\"tool_id\":7801,\"usage_id\":1}]";
        String requestSchema = "/paths/~1api~1v1~1events/post/requestBody/content/application~1json/schema";
        assertEquals(Set.of(), validate(requestSchema, one));
        assertEquals(Set.of(), validate(requestSchema, batch));
        // and the schema does refuse what the API refuses
        assertTrue(!validate(requestSchema, "{\"event\":\"tool_enabled\",\"tool_id\":\"7\"}")
                .isEmpty());
        assertTrue(!validate(requestSchema, "{\"event\":\"tool_exploded\",\"tool_id\":7}")
                .isEmpty());
        assertTrue(!validate(requestSchema, "{\"tool_id\":7}").isEmpty());

        String post = "/paths/~1api~1v1~1events/post";
        check(post, 202, authorized().contentType(ContentType.JSON).body(one).post("/api/v1/events"));
        check(post, 202, authorized().contentType(ContentType.JSON).body(one).post("/api/v1/events"));
        check(post, 202, authorized().contentType(ContentType.JSON).body(batch).post("/api/v1/events"));
        check(
                post,
                400,
                authorized().contentType(ContentType.JSON).body("{\"event\":3}").post("/api/v1/events"));
        check(post, 401, given().contentType(ContentType.JSON).body(one).post("/api/v1/events"));
        check(post, 415, authorized().contentType(ContentType.TEXT).body(one).post("/api/v1/events"));
        check(
                post,
                413,
                authorized()
                        .contentType(ContentType.JSON)
                        .body("[" + " ".repeat(1_100_000) + "]")
                        .post("/api/v1/events"));
        check(
                post,
                422,
                authorized()
                        .contentType(ContentType.JSON)
                        .body(one.replace("Alice", "Bob"))
                        .post("/api/v1/events"));

        check("/paths/~1api~1v1~1tools/get", 200, authorized().get("/api/v1/tools"));
        String tool = "/paths/~1api~1v1~1tools~1{tool_id}/get";
        check(tool, 200, authorized().get("/api/v1/tools/7801"));
        check(tool, 404, authorized().get("/api/v1/tools/7899"));
        check(tool, 400, authorized().get("/api/v1/tools/x"));
        check(tool, 401, given().get("/api/v1/tools/7801"));
        String history = "/paths/~1api~1v1~1events/get";
        check(
                history,
                200,
                authorized().queryParam("tool_id", 7801).queryParam("limit", 1).get("/api/v1/events"));
        check(history, 200, authorized().queryParam("tool_id", 7801).get("/api/v1/events"));
        check(history, 400, authorized().queryParam("limit", "many").get("/api/v1/events"));
    }

    /** The answer's status is declared for the operation, and its body validates against the declared schema. */
    private void check(String operation, int expected, Response answer) {
        assertEquals(expected, answer.statusCode(), answer.asString());
        JsonNode declared = doc.at(operation + "/responses/" + expected);
        assertTrue(!declared.isMissingNode(), operation + " does not declare " + expected);
        String type = answer.contentType() == null
                ? ""
                : answer.contentType().split(";")[0].strip();
        JsonNode content = declared.path("content");
        if (answer.asString().isEmpty()) {
            return;
        }
        assertTrue(content.has(type), operation + " " + expected + " does not declare " + type);
        String pointer = operation + "/responses/" + expected + "/content/" + type.replace("/", "~1") + "/schema";
        assertEquals(
                Set.of(), validate(pointer, answer.asString()), operation + " " + expected + ": " + answer.asString());
    }

    /** Problems of {@code json} against the schema at {@code pointer} in the document (its $refs resolve in it). */
    private Set<String> validate(String pointer, String json) {
        ObjectNode root = doc.deepCopy();
        root.put("$ref", "#" + pointer);
        try {
            return factory.getSchema(root, config).validate(JSON.readTree(json)).stream()
                    .map(ValidationMessage::getMessage)
                    .collect(Collectors.toSet());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
