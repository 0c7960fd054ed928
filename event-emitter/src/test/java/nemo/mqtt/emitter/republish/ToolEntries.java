package nemo.mqtt.emitter.republish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.vertx.core.json.JsonObject;

import nemo.mqtt.emitter.EmitterApi;

/** A tool's entries on the events stream and their signed payloads, as the republish tests read them. */
final class ToolEntries {

    private ToolEntries() {}

    /** The envelope's payload, after checking its HMAC with {@code key}. */
    static JsonObject verified(StreamMessage<String, String, String> entry, String key) throws Exception {
        JsonObject envelope = new JsonObject(entry.payload().get("payload"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String payload = envelope.getString("payload");
        assertEquals(
                HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8))),
                envelope.getString("hmac"));
        return new JsonObject(payload);
    }

    /** The entries whose topic ends in {@code /last}, in their order. */
    static List<StreamMessage<String, String, String>> byTopic(
            List<StreamMessage<String, String, String>> entries, String last) {
        return entries.stream()
                .filter(m -> m.payload().get("topic").endsWith("/" + last))
                .toList();
    }

    /** The tool's entries after stream id {@code after}. */
    static List<StreamMessage<String, String, String>> entries(long tool, String after) {
        return EmitterApi.entries(tool, StreamRange.of("(" + after, "+"));
    }

    /** The stream id of the tool's last entry. */
    static String lastId(long tool) {
        List<StreamMessage<String, String, String>> all = entries(tool, "0-0");
        return all.get(all.size() - 1).id();
    }
}
