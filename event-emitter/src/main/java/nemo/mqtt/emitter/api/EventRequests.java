package nemo.mqtt.emitter.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import nemo.mqtt.emitter.EmitterConfig;

/**
 * Reads the body of {@code POST /api/v1/events}, one event or an array of them, and checks every
 * item, collecting all errors with their paths ({@code tool_id}, {@code [3].tool_id}).
 */
@ApplicationScoped
public class EventRequests {

    private final ObjectMapper mapper;
    private final Validator validator;
    private final int maxBatch;

    EventRequests(ObjectMapper mapper, Validator validator, EmitterConfig config) {
        this.mapper = mapper;
        this.validator = validator;
        this.maxBatch = config.maxBatchSize();
    }

    public List<EventRequest> read(JsonNode body) {
        if (body == null || !(body.isObject() || body.isArray())) {
            throw new InvalidRequestException(List.of(new Problem.FieldError("body", "must be an event or an array of events")));
        }
        if (body.isArray() && (body.isEmpty() || body.size() > maxBatch)) {
            throw new InvalidRequestException(List.of(new Problem.FieldError("body",
                    "must hold between 1 and " + maxBatch + " events, not " + body.size())));
        }
        List<EventRequest> requests = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (body.isObject()) {
            requests.add(readOne(body, "", errors));
        } else {
            for (int i = 0; i < body.size(); i++) {
                requests.add(readOne(body.get(i), "[" + i + "].", errors));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return requests;
    }

    private EventRequest readOne(JsonNode node, String path, List<Problem.FieldError> errors) {
        EventRequest request;
        try {
            request = mapper.treeToValue(node, EventRequest.class);
        } catch (MismatchedInputException e) {
            errors.add(new Problem.FieldError(path + jsonPath(e), mismatch(e)));
            return null;
        } catch (Exception e) {
            errors.add(new Problem.FieldError(path.isEmpty() ? "body" : path.substring(0, path.length() - 1),
                    "is not an event object"));
            return null;
        }
        if (request == null) {
            errors.add(new Problem.FieldError(path.isEmpty() ? "body" : path.substring(0, path.length() - 1), "is null"));
            return null;
        }
        validator.validate(request).stream()
                .map(v -> new Problem.FieldError(path + fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .forEach(errors::add);
        Problem.FieldError inconsistency = request.inconsistency(path);
        if (inconsistency != null) {
            errors.add(inconsistency);
        }
        return request;
    }

    private static String jsonPath(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return field.isEmpty() ? "body" : field;
    }

    private static String mismatch(MismatchedInputException e) {
        if (e instanceof InvalidFormatException invalid) {
            Object value = invalid.getValue();
            return "cannot read " + (value instanceof String s ? "\"" + s + "\"" : value) + " as "
                    + describe(invalid.getTargetType());
        }
        return "has the wrong type or shape";
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.toString().toLowerCase()).collect(Collectors.joining(", "));
        }
        return switch (type.getSimpleName()) {
            case "OffsetDateTime" -> "an ISO-8601 date-time with offset";
            case "UUID" -> "a UUID";
            case "Long", "long", "Integer", "int" -> "an integer";
            default -> type.getSimpleName();
        };
    }

    /** The violating property, as the client named it: toolId becomes tool_id. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        String last = "body";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null) {
                last = node.getName();
            }
        }
        return last.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
