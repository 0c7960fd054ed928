package nemo.mqtt.emitter.api;

/** A query or path parameter that does not read as what the operation takes: 400 naming it, not a refused event. */
public class InvalidParameterException extends RuntimeException {

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    /**
     * {@code raw} as a whole number from {@code min} to {@code max}, or {@code fallback} when absent;
     * anything else names {@code name}. JAX-RS would answer 404 for a query parameter that does not
     * convert, which tells a client nothing.
     */
    static long number(String name, String raw, long min, long max, Long fallback) {
        if (raw == null || raw.isEmpty()) {
            if (fallback != null) {
                return fallback;
            }
            throw new InvalidParameterException(name, "is required");
        }
        try {
            long value = Long.parseLong(raw);
            if (value >= min && value <= max && raw.matches("-?[0-9]+")) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameterException(name, "must be a whole number from " + min + " to " + max);
    }
}
