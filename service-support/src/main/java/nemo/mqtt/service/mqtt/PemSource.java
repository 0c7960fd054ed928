package nemo.mqtt.service.mqtt;

import java.util.Optional;

/**
 * PEM material for an MQTT client's TLS: given inline (announced settings, a form field) or as a
 * file path (configuration, a mounted Secret); {@link #NONE} when neither. {@link #toString()}
 * never shows inline text, which may be a private key.
 */
public record PemSource(Optional<String> value, Optional<String> file) {

    public static final PemSource NONE = new PemSource(Optional.empty(), Optional.empty());

    /** @return the material in {@code pem}, or {@link #NONE} if null */
    public static PemSource inline(String pem) {
        return pem == null ? NONE : new PemSource(Optional.of(pem), Optional.empty());
    }

    /** @return the material in the file at {@code path}, or {@link #NONE} if null */
    public static PemSource file(String path) {
        return path == null ? NONE : new PemSource(Optional.empty(), Optional.of(path));
    }

    public boolean isPresent() {
        return value.isPresent() || file.isPresent();
    }

    @Override
    public String toString() {
        return value.isPresent()
                ? "Pem[inline]"
                : file.map(f -> "Pem[" + f + "]").orElse("Pem[none]");
    }
}
