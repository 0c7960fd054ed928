package nemo.mqtt.emitter.api;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.micrometer.core.instrument.MeterRegistry;

/** Turns bad input into problem+json that names the field, so a client can fix its request; counts refusals by reason. */
public class ProblemMappers {

    private final MeterRegistry registry;

    ProblemMappers(MeterRegistry registry) {
        this.registry = registry;
    }

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        rejected("invalid");
        String fields = e.errors().stream().map(Problem.FieldError::field).distinct().collect(Collectors.joining(", "));
        return Problem.of(Response.Status.BAD_REQUEST, "Invalid field(s): " + fields, e.errors()).toResponse();
    }

    /** Query parameters out of range, e.g. {@code limit=0}. */
    @ServerExceptionMapper
    public Response violated(jakarta.validation.ConstraintViolationException e) {
        rejected("invalid");
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> {
                    String field = "";
                    for (jakarta.validation.Path.Node node : v.getPropertyPath()) {
                        field = node.getName();
                    }
                    return new Problem.FieldError(field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(), v.getMessage());
                })
                .toList();
        return Problem.of(Response.Status.BAD_REQUEST, "Invalid parameter(s)", errors).toResponse();
    }

    /** Quarkus REST wraps unparseable JSON in a 400; other HTTP errors keep their status, as problem+json too. */
    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            rejected("malformed");
            return Problem.of(Response.Status.BAD_REQUEST, "The body is not valid JSON: " + json.getOriginalMessage(),
                    List.of(new Problem.FieldError("body", "malformed JSON"))).toResponse();
        }
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        return status == null ? e.getResponse() : Problem.of(status, e.getMessage(), List.of()).toResponse();
    }

    private void rejected(String reason) {
        registry.counter("nemo.events.rejected", "reason", reason).increment();
    }
}
