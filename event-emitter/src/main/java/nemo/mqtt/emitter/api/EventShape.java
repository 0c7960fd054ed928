package nemo.mqtt.emitter.api;

import java.lang.reflect.RecordComponent;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import nemo.mqtt.emitter.event.EventType;

/**
 * The JSON type each field of an {@link EventRequest} must have, checked before the item is mapped,
 * so nothing is coerced (the contract, docs/asyncapi.yaml and the OpenAPI document): ids are JSON
 * integers in 1..2^63-1 (not strings, not fractions), {@code event} one of the exact names,
 * {@code event_id} when present a UUID string (not null, not empty), times RFC 3339 strings with
 * seconds and a year from 1 to 9999 (what PostgreSQL stores; not epoch numbers), text JSON strings.
 * The kinds follow the record's component types, so the two cannot drift apart.
 */
final class EventShape {

    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern RFC_3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final Map<String, Class<?>> FIELDS = new LinkedHashMap<>();

    static {
        for (RecordComponent c : EventRequest.class.getRecordComponents()) {
            FIELDS.put(snakeCase(c.getName()), c.getType());
        }
    }

    private EventShape() {}

    /** Adds an error for each field of {@code item} whose JSON type is wrong, named {@code path + field}. */
    static void check(JsonNode item, String path, List<Problem.FieldError> errors) {
        FIELDS.forEach((field, type) -> {
            JsonNode value = item.get(field);
            if (value == null) {
                return;
            }
            String problem = problem(type, value);
            if (problem != null) {
                errors.add(new Problem.FieldError(path + field, problem));
            }
        });
    }

    private static String problem(Class<?> type, JsonNode value) {
        if (type == UUID.class) {
            // present means chosen by the client: null or "" is a mistake, not "choose one for me"
            return value.isTextual() && UUID_FORM.matcher(value.textValue()).matches()
                    ? null
                    : "must be a UUID string when present (leave it out to let the server choose)";
        }
        if (value.isNull()) {
            return null; // the same as absent; required fields are checked after mapping
        }
        if (type == Long.class) {
            return value.isIntegralNumber() && value.canConvertToLong()
                    ? null
                    : "must be a JSON integer from 1 to 9223372036854775807";
        }
        if (type == EventType.class) {
            return value.isTextual() && EventType.byWireName(value.textValue()).isPresent()
                    ? null
                    : "must be one of "
                            + Arrays.stream(EventType.values())
                                    .map(EventType::wireName)
                                    .toList();
        }
        if (type == OffsetDateTime.class) {
            return value.isTextual() && isTime(value.textValue())
                    ? null
                    : "must be an RFC 3339 date-time string with a year from 1 to 9999, e.g. 2026-11-25T10:32:04+01:00";
        }
        return value.isTextual() ? null : "must be a JSON string";
    }

    private static boolean isTime(String text) {
        if (!RFC_3339.matcher(text).matches()) {
            return false;
        }
        try {
            int year = OffsetDateTime.parse(text.toUpperCase()).getYear();
            return year >= 1 && year <= 9999;
        } catch (DateTimeParseException e) {
            return false; // e.g. month 13, hour 25
        }
    }

    static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
