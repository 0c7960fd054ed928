package nemo.mqtt.emitter.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import nemo.mqtt.emitter.EmitterConfig;

/**
 * Reads the body of {@code POST /api/v1/events}, one event or an array of them, and checks every
 * item, collecting all errors with their paths ({@code tool_id}, {@code [3].tool_id}). Strict at the
 * door: the body must be exactly one JSON value without repeated keys, each field of the JSON type
 * the contract gives ({@link EventShape}), and an event_id appears once per batch.
 */
@ApplicationScoped
public class EventRequests {

    private final ObjectMapper mapper;

    @Inject
    Validator validator;

    private final int maxBatch;

    EventRequests(ObjectMapper mapper, EmitterConfig config) {
        this.mapper = strict(mapper);
        this.maxBatch = config.maxBatchSize();
    }

    /** Quarkus's mapper (snake_case, Java time) refusing what it would otherwise guess at. */
    @SuppressWarnings("deprecation") // MapperFeature toggles on a copy are what this is for
    private static ObjectMapper strict(ObjectMapper base) {
        ObjectMapper strict = base.copy()
                .enable(
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        strict.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return strict;
    }

    /** The events of a body, in order; {@code batch} when the body was an array (answered with an array). */
    public record Events(List<EventRequest> events, boolean batch) {}

    /** The events of {@code body}; throws {@link InvalidRequestException} naming every bad field. */
    public Events read(String body) {
        JsonNode tree;
        try {
            tree = mapper.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(
                    "malformed",
                    List.of(new Problem.FieldError(
                            "body",
                            "is not one well-formed JSON value without repeated keys: " + e.getOriginalMessage())));
        }
        if (tree == null || !(tree.isObject() || tree.isArray())) {
            throw new InvalidRequestException(
                    List.of(new Problem.FieldError("body", "must be an event or an array of events")));
        }
        if (tree.isArray() && (tree.isEmpty() || tree.size() > maxBatch)) {
            throw new InvalidRequestException(List.of(new Problem.FieldError(
                    "body", "must hold between 1 and " + maxBatch + " events, not " + tree.size())));
        }
        List<EventRequest> requests = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (tree.isObject()) {
            requests.add(readOne(tree, "", errors));
        } else {
            Map<UUID, Integer> firstWithId = new HashMap<>();
            for (int i = 0; i < tree.size(); i++) {
                EventRequest request = readOne(tree.get(i), "[" + i + "].", errors);
                requests.add(request);
                Integer first = request == null || request.eventId() == null
                        ? null
                        : firstWithId.putIfAbsent(request.eventId(), i);
                if (first != null) {
                    errors.add(
                            new Problem.FieldError("[" + i + "].event_id", "repeats the event_id of [" + first + "]"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new Events(requests, tree.isArray());
    }

    private EventRequest readOne(JsonNode node, String path, List<Problem.FieldError> errors) {
        String item = path.isEmpty() ? "body" : path.substring(0, path.length() - 1);
        if (node == null || !node.isObject()) {
            errors.add(new Problem.FieldError(item, "must be an event object"));
            return null;
        }
        int before = errors.size();
        EventShape.check(node, path, errors);
        if (errors.size() > before) {
            return null;
        }
        EventRequest request;
        try {
            request = mapper.treeToValue(node, EventRequest.class);
        } catch (JsonProcessingException e) {
            errors.add(new Problem.FieldError(item, "cannot be read as an event: " + e.getOriginalMessage()));
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

    /** The violating property, as the client named it: toolId becomes tool_id. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        String last = "body";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null) {
                last = node.getName();
            }
        }
        return EventShape.snakeCase(last);
    }
}
