package nemo.mqtt.emitter;

import static nemo.mqtt.emitter.EmitterApi.accept;
import static nemo.mqtt.emitter.EmitterApi.authorized;
import static nemo.mqtt.emitter.EmitterApi.number;
import static nemo.mqtt.emitter.EmitterApi.postEvents;
import static nemo.mqtt.emitter.EmitterApi.rejected;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Strict input at the door: 400 problem+json naming the field, nothing stored, nothing guessed. */
@QuarkusTest
@WithPostgresAndRedis
class StrictInputTest {

    @Inject
    MeterRegistry registry;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                // enum names exactly: no positions, no trimming
                "{\"event\":\"0\",\"tool_id\":7501}|event",
                "{\"event\":3,\"tool_id\":7501}|event",
                "{\"event\":\"12\",\"tool_id\":7501}|event",
                "{\"event\":\" tool_enabled\",\"tool_id\":7501}|event",
                "{\"event\":\"TOOL_ENABLED\",\"tool_id\":7501}|event",
                // integers are JSON integers (docs/asyncapi.yaml: tool_id integer, minimum 1)
                "{\"event\":\"tool_enabled\",\"tool_id\":7501.5}|tool_id",
                "{\"event\":\"tool_enabled\",\"tool_id\":7501.0}|tool_id",
                "{\"event\":\"tool_enabled\",\"tool_id\":\"7505\"}|tool_id",
                "{\"event\":\"tool_enabled\",\"tool_id\":9223372036854775808}|tool_id",
                "{\"event\":\"tool_enabled\",\"tool_id\":7501,\"usage_id\":true}|usage_id",
                // text is text, and stored as sent
                "{\"event\":\"tool_enabled\",\"tool_id\":7501,\"tool_name\":5}|tool_name",
                "{\"event\":\"tool_enabled\",\"tool_id\":7501,\"tool_name\":\"A\\ud800B\"}|tool_name",
                "{\"event\":\"tool_enabled\",\"tool_id\":7501,\"note\":\"A\\udc00\"}|note",
                // times: RFC 3339 strings, year 1..9999
                "{\"event\":\"tool_enabled\",\"tool_id\":7501,\"start_time\":\"+294277-01-01T00:00:00Z\"}|start_time",
                "{\"event\":\"tool_enabled\",\"tool_id\":7501,\"start_time\":\"+999999999-12-31T23:59:59Z\"}|start_time",
                "{\"event\":\"tool_enabled\",\"tool_id\":7501,\"start_time\":1700000000}|start_time",
                "{\"event\":\"tool_enabled\",\"tool_id\":7501,\"end_time\":1700000000.5}|end_time",
                "{\"event\":\"tool_enabled\",\"tool_id\":7501,\"start_time\":\"0000-01-01T00:00:00Z\"}|start_time",
                "{\"event\":\"tool_enabled\",\"tool_id\":7501,\"start_time\":\"2026-11-30T10:00Z\"}|start_time",
                "{\"event\":\"tool_enabled\",\"tool_id\":7501,\"start_time\":\"2026-11-30T10:00:00\"}|start_time",
                // event_id: left out, or a UUID
                "{\"event\":\"tool_enabled\",\"tool_id\":7501,\"event_id\":\"\"}|event_id",
                "{\"event\":\"tool_enabled\",\"tool_id\":7501,\"event_id\":null}|event_id",
                "{\"event\":\"tool_enabled\",\"tool_id\":7501,\"event_id\":\"not-a-uuid\"}|event_id",
                "{\"event\":\"tool_enabled\",\"tool_id\":7501,\"event_id\":\"1-2-3-4-5\"}|event_id",
                // one JSON value, no repeated keys
                "{\"event\":\"tool_enabled\",\"tool_id\":7501} {\"event\":\"tool_enabled\",\"tool_id\":7502}|body",
                "{\"event\":\"tool_enabled\",\"tool_id\":7501}xyz|body",
                "{\"event\":\"tool_enabled\",\"tool_id\":7501,\"tool_id\":7502}|body",
                // batches name the index
                "[{\"event\":\"tool_enabled\",\"tool_id\":7501},{\"event\":\"tool_enabled\",\"tool_id\":9223372036854775808}]|[1].tool_id",
                "[{\"event\":\"tool_enabled\",\"tool_id\":7501},7]|[1]",
            })
    void refusedNamingTheFieldAndNothingStored(String body, String field) {
        long before = totalRows();
        rejected(body).body("status", is(400)).body("errors.field", hasItem(field));
        assertEquals(before, totalRows());
    }

    @Test
    void theEdgesOfWhatIsAcceptedStillPass() {
        accept("{\"event\":\"tool_enabled\",\"tool_id\":9223372036854775807,\"tool_name\":\"Zeiss \\ud83d\\udd2c\","
                + "\"start_time\":\"9999-12-31T23:59:59.999Z\",\"end_time\":\"9999-12-31T23:59:59.999Z\","
                + "\"usage_id\":null}");
        authorized()
                .get("/api/v1/tools/9223372036854775807")
                .then()
                .statusCode(200)
                .body("tool_name", is("Zeiss \uD83D\uDD2C"));
    }

    @Test
    void twoItemsWithOneEventIdInABatchAreRefused() {
        String id = UUID.randomUUID().toString();
        long before = totalRows();
        postEvents("[{\"event\":\"tool_enabled\",\"tool_id\":7511,\"event_id\":\"" + id + "\"},"
                        + "{\"event\":\"tool_disabled\",\"tool_id\":7511,\"event_id\":\"" + id + "\"}]")
                .statusCode(400)
                .body("errors.field", contains("[1].event_id"));
        assertEquals(before, totalRows());
    }

    @Test
    void theSameEventIdWithAnotherBodyIs422ButATrueRetryAnswersTheFirstResult() {
        String id = UUID.randomUUID().toString();
        String body = "{\"event\":\"tool_enabled\",\"tool_id\":7521,\"event_id\":\"" + id
                + "\",\"start_time\":\"2026-11-30T09:00:00+01:00\"}";
        accept(body).body("seq", is(1)).body("duplicate", is(false));
        // the same event, the time written another way: a retry
        accept("{\"event_id\":\"" + id
                        + "\",\"tool_id\":7521,\"event\":\"tool_enabled\",\"start_time\":\"2026-11-30T08:00:00Z\"}")
                .body("event_id", equalTo(id))
                .body("duplicate", is(true));
        long before = totalRows();
        postEvents("{\"event\":\"tool_disabled\",\"tool_id\":7521,\"event_id\":\"" + id + "\"}")
                .statusCode(422)
                .contentType("application/problem+json")
                .body("status", is(422))
                .body("errors.field", contains("event_id"));
        postEvents(
                        "[{\"event\":\"tool_enabled\",\"tool_id\":7522},{\"event\":\"tool_enabled\",\"tool_id\":7599,\"event_id\":\""
                                + id + "\"}]")
                .statusCode(422)
                .body("errors.field", contains("[1].event_id"));
        assertEquals(before, totalRows(), "nothing of the refused batch stayed");
    }

    @Test
    void badParametersAre400NamingThemAndNoRefusedEvent() {
        double refusedBefore = refused();
        authorized()
                .queryParam("tool_id", "abc")
                .get("/api/v1/events")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("tool_id"));
        authorized()
                .queryParam("limit", "0")
                .get("/api/v1/events")
                .then()
                .statusCode(400)
                .body("errors.field", contains("limit"));
        authorized()
                .queryParam("after", "1.5")
                .get("/api/v1/events")
                .then()
                .statusCode(400)
                .body("errors.field", contains("after"));
        authorized().get("/api/v1/tools/abc").then().statusCode(400).body("errors.field", contains("tool_id"));
        authorized().get("/api/v1/tools/0").then().statusCode(400).body("errors.field", contains("tool_id"));
        assertEquals(refusedBefore, refused());
        postEvents("{\"event\":\"tool_enabled\"}").statusCode(400);
        assertEquals(refusedBefore + 1, refused(), "a refused event is counted");
    }

    private double refused() {
        return registry.find("nemo.events.rejected").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private long totalRows() {
        return number("select (select count(*) from tool_event) + (select count(*) from outbox)"
                + " + (select count(*) from tool_state)");
    }

    /**
     * A client that declares and writes a body over the 1 MiB limit reads a 413 problem+json naming
     * the body, instead of a broken pipe while it is still writing.
     */
    @Test
    void aTooLargeBodyIsAnswered413NamingTheBodyWhileTheClientIsStillWriting() throws Exception {
        byte[] body = ("[" + " ".repeat(3 * 1024 * 1024) + "]").getBytes(StandardCharsets.US_ASCII);
        String head = "POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + EmitterApi.TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            for (int at = 0; at < body.length; at += 64 * 1024) {
                out.write(body, at, Math.min(64 * 1024, body.length - at));
            }
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json"), answer);
            assertTrue(answer.contains("\"field\":\"body\""), answer);
        }
    }
}
