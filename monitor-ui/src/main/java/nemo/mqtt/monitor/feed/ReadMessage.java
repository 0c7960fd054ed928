package nemo.mqtt.monitor.feed;

import com.fasterxml.jackson.databind.JsonNode;

/** What the monitor reads out of a payload: the JSON (unwrapped from a signed envelope), and whether it was signed. */
public record ReadMessage(String payload, JsonNode json, boolean signed) {

    public String text(String field) {
        JsonNode value = json == null ? null : json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public Long number(String field) {
        JsonNode value = json == null ? null : json.get(field);
        return value != null && value.canConvertToLong() ? value.asLong() : null;
    }
}
