package nemo.mqtt.monitor.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads broker payloads. Signed messages arrive as {@code {"payload": "<json>", "hmac": ..., "algo": ...}};
 * the monitor shows what is inside. Whether the hmac matches is {@link SignatureCheck}'s decision, made before.
 */
@ApplicationScoped
public class Payloads {

    @Inject
    ObjectMapper mapper;

    public ReadMessage read(String raw) {
        JsonNode json = parse(raw);
        if (json != null && json.path("payload").isTextual() && json.has("hmac")) {
            String inner = json.get("payload").asText();
            return new ReadMessage(inner, parse(inner), true);
        }
        return new ReadMessage(raw, json != null && json.isObject() ? json : null, false);
    }

    private JsonNode parse(String text) {
        try {
            return mapper.readTree(text);
        } catch (Exception notJson) {
            return null;
        }
    }
}
