package nemo.mqtt.emitter.api;

import java.util.List;

/** A request that was read but breaks the rules; every offending field is named. {@code reason} tags the refusal metric. */
public class InvalidRequestException extends RuntimeException {

    private final String reason;
    private final List<Problem.FieldError> errors;

    public InvalidRequestException(List<Problem.FieldError> errors) {
        this("invalid", errors);
    }

    public InvalidRequestException(String reason, List<Problem.FieldError> errors) {
        super("invalid request", null, false, false);
        this.reason = reason;
        this.errors = List.copyOf(errors);
    }

    public String reason() {
        return reason;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
