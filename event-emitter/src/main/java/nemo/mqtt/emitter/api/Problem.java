package nemo.mqtt.emitter.api;

import java.util.List;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem detail; {@code errors} names each offending field. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem detail (application/problem+json)")
public record Problem(
        @Schema(required = true) String type,
        @Schema(required = true) String title,

        @Schema(required = true, minimum = "400", maximum = "599")
        int status,

        String detail,

        @Schema(description = "Each offending field: tool_id, [3].tool_id in a batch, or a parameter name")
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(required = true) String field,
            @Schema(required = true) String message) {}

    public static Problem of(Response.Status status, String detail, List<FieldError> errors) {
        return of(status.getStatusCode(), status.getReasonPhrase(), detail, errors);
    }

    public static Problem of(int status, String title, String detail, List<FieldError> errors) {
        return new Problem("about:blank", title, status, detail, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
