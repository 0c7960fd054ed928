package nemo.mqtt.emitter.event;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.ObjIntConsumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The compact retained message of {@code <prefix>/tools/{id}/display}, for microcontroller screens:
 * at most {@link #MAX_BYTES} bytes together with its topic (what a small MQTT client buffer holds),
 * printable ASCII only, valid JSON, never signed (the HMAC envelope alone would take about 100 of the
 * 200 bytes; the signed status topic is the authoritative one). Fields, each left out when empty:
 * <pre>
 *   seq  the tool's seq, as on the status published with it
 *   s    state: shutdown, outage, problem, in_use, delayed_logoff, idle
 *   l    a short English label of the state ("In use")
 *   u    the user's short name, while the tool is in use ("A. Smith")
 *   t    since when the state holds, local HH:MM
 *   n    the next reservation, local "HH:MM Name"
 *   m    the note of a shutdown, outage or problem, one line
 * </pre>
 * When it does not fit it shrinks in this fixed order until it does: m cut (to 20 characters), the
 * name in n cut (to 8), u cut (to 8), then m, the name in n, u, n, t and l left out. seq and s always
 * stay: with a topic prefix of at most 64 bytes (wire's TopicPrefix) they always fit.
 */
public record DisplayPayload(
        long seq,
        String state,
        String user,
        OffsetDateTime since,
        OffsetDateTime nextStart,
        String nextUser,
        String note) {

    /** Message plus topic, in bytes. */
    public static final int MAX_BYTES = 200;

    private static final int NAME_CHARS = 20;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> LABELS = Map.of(
            "shutdown",
            "Shut down",
            "outage",
            "Outage",
            "problem",
            "Problem",
            "in_use",
            "In use",
            "delayed_logoff",
            "Logoff delay",
            "idle",
            "Available");

    /** What the screen shows, as text already cleaned to ASCII; mutated while shrinking. */
    private static final class Fields {
        long seq;
        String s;
        String l;
        String u;
        String t;
        String nTime;
        String nName;
        String m;

        String write() {
            ObjectNode json = JSON.createObjectNode().put("seq", seq).put("s", s);
            put(json, "l", l);
            put(json, "u", u);
            put(json, "t", t);
            put(json, "n", nName.isEmpty() ? nTime : nTime.isEmpty() ? "" : nTime + " " + nName);
            put(json, "m", m);
            try {
                return JSON.writeValueAsString(json);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void put(ObjectNode json, String field, String value) {
            if (!value.isEmpty()) {
                json.put(field, value);
            }
        }
    }

    /** The shrink order; each step gets how many bytes are too many. */
    private static final List<ObjIntConsumer<Fields>> SHRINK = List.of(
            (f, over) -> f.m = DisplayText.truncate(f.m, Math.max(20, f.m.length() - over)),
            (f, over) -> f.nName = DisplayText.truncate(f.nName, Math.max(8, f.nName.length() - over)),
            (f, over) -> f.u = DisplayText.truncate(f.u, Math.max(8, f.u.length() - over)),
            (f, over) -> f.m = "",
            (f, over) -> f.nName = "",
            (f, over) -> f.u = "",
            (f, over) -> f.nTime = "",
            (f, over) -> f.t = "",
            (f, over) -> f.l = "");

    /**
     * @param topic the topic it is published on, counted in the 200 bytes
     * @param zone  the time zone of the screens, for HH:MM
     * @return the JSON, with the topic at most {@link #MAX_BYTES} bytes
     * @throws IllegalArgumentException if even seq and state do not fit (a topic over about 150 bytes)
     */
    public String json(String topic, ZoneId zone) {
        int budget = MAX_BYTES - topic.getBytes(StandardCharsets.UTF_8).length;
        Fields f = new Fields();
        f.seq = seq;
        f.s = DisplayText.ascii(state);
        f.l = LABELS.getOrDefault(state, "");
        f.u = DisplayText.truncate(DisplayText.shortName(DisplayText.ascii(user)), NAME_CHARS);
        f.t = since == null ? "" : HH_MM.format(since.atZoneSameInstant(zone));
        f.nTime = nextStart == null ? "" : HH_MM.format(nextStart.atZoneSameInstant(zone));
        f.nName = f.nTime.isEmpty()
                ? ""
                : DisplayText.truncate(DisplayText.shortName(DisplayText.ascii(nextUser)), NAME_CHARS);
        f.m = DisplayText.ascii(note);
        String json = f.write();
        for (ObjIntConsumer<Fields> step : SHRINK) {
            if (json.length() <= budget) {
                break;
            }
            step.accept(f, json.length() - budget);
            json = f.write();
        }
        if (json.length() > budget) {
            throw new IllegalArgumentException(
                    "a display message cannot fit in " + MAX_BYTES + " bytes with topic " + topic);
        }
        return json;
    }
}
