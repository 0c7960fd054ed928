package nemo.mqtt.emitter.api;

import java.util.List;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem detail; {@code errors} names each offending field. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }

    public static Problem of(Response.Status status, String detail, List<FieldError> errors) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
