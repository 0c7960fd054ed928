package nemo.mqtt.emitter.api;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/** Turns bad input into 400 problem+json that names the field, so a client can fix its request. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String fields = errors.stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        return Problem.of(Response.Status.BAD_REQUEST, "Invalid field(s): " + fields, errors).toResponse();
    }

    /** A value of the wrong type, an unknown event type, a timestamp that does not parse. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        if (field.isEmpty()) {
            return malformed(e);
        }
        String message = e instanceof InvalidFormatException invalid
                ? "cannot read " + quote(invalid.getValue()) + " as " + describe(invalid.getTargetType())
                : "has the wrong type or shape";
        return Problem.of(Response.Status.BAD_REQUEST, "Invalid field: " + field,
                List.of(new Problem.FieldError(field, message))).toResponse();
    }

    /** Quarkus REST wraps unparseable JSON in a 400; other HTTP errors keep their status, as problem+json too. */
    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformed(json);
        }
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        return status == null ? e.getResponse() : Problem.of(status, e.getMessage(), List.of()).toResponse();
    }

    private static Response malformed(JsonProcessingException e) {
        return Problem.of(Response.Status.BAD_REQUEST, "The body is not valid JSON: " + e.getOriginalMessage(),
                List.of(new Problem.FieldError("body", "malformed JSON"))).toResponse();
    }

    /** "submit.request.toolId" becomes "tool_id", the name the client sent. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        String last = null;
        for (Path.Node node : violation.getPropertyPath()) {
            last = node.getName();
        }
        if (last == null || violation.getPropertyPath().toString().endsWith("request")) {
            return "body";
        }
        return last.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
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
}
