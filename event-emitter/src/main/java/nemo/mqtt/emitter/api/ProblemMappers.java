package nemo.mqtt.emitter.api;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import nemo.mqtt.emitter.store.EventIdReusedException;

/**
 * Turns bad input into problem+json that names the field, so a client can fix its request. Only
 * refused events count in {@code nemo.events.rejected} (by reason); bad query or path parameters
 * of the read-only operations are not events.
 */
public class ProblemMappers {

    private final MeterRegistry registry;

    ProblemMappers(MeterRegistry registry) {
        this.registry = registry;
    }

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        rejected(e.reason());
        String fields =
                e.errors().stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        return Problem.of(Response.Status.BAD_REQUEST, "Invalid field(s): " + fields, e.errors())
                .toResponse();
    }

    /** IETF Idempotency-Key draft: a key reused with a different request is 422. */
    @ServerExceptionMapper
    public Response reused(EventIdReusedException e) {
        rejected("event_id_reused");
        String field = e.index() < 0 ? "event_id" : "[" + e.index() + "].event_id";
        return Problem.of(
                        422,
                        "Unprocessable Content",
                        "The event_id " + e.eventId() + " was already used for a different event; nothing was stored",
                        List.of(new Problem.FieldError(field, "was already used for a different event")))
                .toResponse();
    }

    @ServerExceptionMapper
    public Response parameter(InvalidParameterException e) {
        return Problem.of(
                        Response.Status.BAD_REQUEST,
                        "Invalid parameter: " + e.parameter(),
                        List.of(new Problem.FieldError(e.parameter(), e.getMessage())))
                .toResponse();
    }

    /** Parameters out of range by their annotations. */
    @ServerExceptionMapper
    public Response violated(jakarta.validation.ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> {
                    String field = "";
                    for (jakarta.validation.Path.Node node : v.getPropertyPath()) {
                        field = node.getName();
                    }
                    return new Problem.FieldError(EventShape.snakeCase(field), v.getMessage());
                })
                .toList();
        return Problem.of(Response.Status.BAD_REQUEST, "Invalid parameter(s)", errors)
                .toResponse();
    }

    /** Quarkus REST wraps unparseable JSON in a 400; other HTTP errors keep their status, as problem+json too. */
    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            rejected("malformed");
            return Problem.of(
                            Response.Status.BAD_REQUEST,
                            "The body is not valid JSON: " + json.getOriginalMessage(),
                            List.of(new Problem.FieldError("body", "malformed JSON")))
                    .toResponse();
        }
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        return status == null
                ? e.getResponse()
                : Problem.of(status, e.getMessage(), List.of()).toResponse();
    }

    private void rejected(String reason) {
        registry.counter("nemo.events.rejected", "reason", reason).increment();
    }
}
