package nemo.mqtt.emitter.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The display message: always at most 200 bytes with its topic, printable ASCII, valid JSON. */
class DisplayPayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** The longest topic there can be: a 64-byte prefix (wire's TopicPrefix) and the largest tool id. */
    private static final String LONGEST_TOPIC = "ü".repeat(31) + "ab/tools/" + Long.MAX_VALUE + "/display";

    private static final String[] PIECES = {
        "山田太郎",
        "やまだ たろう",
        "Jürgen Müller",
        "Łukasz Żółć",
        "Ørsted",
        "Сергей Иванов",
        "محمد",
        "😀",
        "👩‍🔬",
        "🔥🔥",
        "\u001b[31m",
        "\u0000",
        "\n",
        "\r\n",
        "\t",
        "\"",
        "\\",
        "</script>",
        " ",
        "   ",
        "A",
        "x".repeat(1400),
        "ß",
        "ﬁ",
        "\u200b",
        "\ud800",
        "e\u0301",
        "Ελληνικά",
        "한국어",
        "ไทย",
        "\u007f",
        "\u0085",
        "💩".repeat(700)
    };

    @Test
    void aTypicalStatusReadsAsDocumented() {
        String json =
                display(42, "in_use", "Alice Mary Smith", "Bob Jones", null).json("nemo/tools/7/display", BERLIN);
        assertEquals(
                "{\"seq\":42,\"s\":\"in_use\",\"l\":\"In use\",\"u\":\"A. Smith\",\"t\":\"08:00\",\"n\":\"10:30 B. Jones\"}",
                json);
    }

    @Test
    void namesAndNotesBecomeAscii() {
        JsonNode json = parse(new DisplayPayload(
                        1, "shutdown", "Jürgen Müller", null, null, null, "Vakuum\u001b[31m undicht\nbitte 😀 melden")
                .json("nemo/tools/7/display", ZoneOffset.UTC));
        assertEquals("J. Muller", json.get("u").asText());
        assertEquals("Vakuum [31m undicht bitte melden", json.get("m").asText());
        assertEquals("Shut down", json.get("l").asText());
        String japanese = parse(new DisplayPayload(1, "in_use", "山田 太郎", null, null, null, null)
                        .json("nemo/tools/7/display", ZoneOffset.UTC))
                .get("u")
                .asText();
        assertTrue(japanese.matches("[A-Z]\\. [A-Z][a-z]+"), japanese);
    }

    @Test
    void aLongNoteIsCutFirstWithAnEllipsis() {
        String topic = "nemo/tools/7/display";
        String json = display(3, "problem", "Alice Smith", "Bob Jones", "word ".repeat(100))
                .json(topic, ZoneOffset.UTC);
        JsonNode node = parse(json);
        int size = topic.length() + json.length();
        assertTrue(size <= 200 && size >= 196, size + ": the note takes the room that is left, no more");
        assertTrue(node.get("m").asText().endsWith("..."));
        assertEquals("A. Smith", node.get("u").asText(), "the user is cut only after the note");
        assertEquals("09:30 B. Jones", node.get("n").asText());
    }

    @Test
    void withTheLongestTopicTheOtherFieldsGiveWayInTheirOrder() {
        String json = display(
                        Long.MAX_VALUE,
                        "delayed_logoff",
                        "Maximilian Alexander Wolfeschlegelsteinhausen",
                        "Bartholomew Featherstonehaugh-Cholmondeley",
                        "a long note ".repeat(30))
                .json(LONGEST_TOPIC, ZoneOffset.UTC);
        JsonNode node = parse(json);
        assertTrue(bytes(LONGEST_TOPIC, json) <= 200);
        assertEquals(Long.MAX_VALUE, node.get("seq").asLong());
        assertEquals("delayed_logoff", node.get("s").asText());
        assertFalse(node.has("m"), "the note goes first");
    }

    /** Property: whatever the names and notes, the message fits, is printable ASCII and is valid JSON. */
    @Test
    void anyNamesAndNotesFitInTwoHundredBytes() {
        Random random = new Random(20261130);
        String[] states = {"shutdown", "outage", "problem", "in_use", "delayed_logoff", "idle"};
        for (int i = 0; i < 3000; i++) {
            String topic = random.nextBoolean() ? LONGEST_TOPIC : "nemo/tools/" + random.nextInt(100000) + "/display";
            DisplayPayload display = new DisplayPayload(
                    random.nextLong(1, Long.MAX_VALUE),
                    states[random.nextInt(states.length)],
                    randomText(random),
                    random.nextBoolean() ? null : OffsetDateTime.now().minusMinutes(random.nextInt(100000)),
                    random.nextBoolean() ? null : OffsetDateTime.now().plusMinutes(random.nextInt(100000)),
                    randomText(random),
                    randomText(random));
            String json = display.json(topic, random.nextBoolean() ? BERLIN : ZoneId.of("Asia/Tokyo"));
            assertTrue(bytes(topic, json) <= 200, () -> bytes(topic, json) + " bytes: " + json);
            assertTrue(json.chars().allMatch(c -> c >= 0x20 && c < 0x7F), () -> "not printable ASCII: " + json);
            JsonNode node = parse(json);
            assertEquals(display.seq(), node.get("seq").asLong());
            assertEquals(display.state(), node.get("s").asText());
        }
    }

    @Test
    void truncationAndShortNames() {
        assertEquals("abcdefg...", DisplayText.truncate("abcdefghijklmnop", 10));
        assertEquals("abc", DisplayText.truncate("abc", 3));
        assertEquals("", DisplayText.truncate("abcdef", 3));
        assertEquals("A. Smith", DisplayText.shortName("alice smith"));
        assertEquals("Cher", DisplayText.shortName("Cher"));
        assertEquals("", DisplayText.shortName(DisplayText.ascii("😀\u001b")));
    }

    /** The display of {@code user}'s usage since 07:00 UTC, the next reservation {@code nextUser}'s at 09:30. */
    private static DisplayPayload display(long seq, String state, String user, String nextUser, String note) {
        return new DisplayPayload(
                seq,
                state,
                user,
                OffsetDateTime.parse("2026-11-30T07:00:00Z"),
                OffsetDateTime.parse("2026-11-30T09:30:00Z"),
                nextUser,
                note);
    }

    private static String randomText(Random random) {
        if (random.nextInt(8) == 0) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(6); n >= 0; n--) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    private static int bytes(String topic, String json) {
        return topic.getBytes(StandardCharsets.UTF_8).length + json.getBytes(StandardCharsets.UTF_8).length;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not valid JSON: " + json, e);
        }
    }
}
