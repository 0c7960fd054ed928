package nemo.mqtt.wire;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one form every time takes on the wire: UTC, exactly three decimals, offset {@code +00:00}
 * ({@code 2026-11-30T09:03:44.240+00:00}). It is RFC 3339, and it parses with Python 3.7+'s
 * {@code datetime.fromisoformat} (which the NEMO display server uses and which, before 3.11, cannot
 * read 1, 2, 4 or 5 decimals nor {@code Z}), JavaScript's {@code new Date()} and Java's
 * {@code OffsetDateTime.parse}.
 */
public final class WireTime {

    private static final DateTimeFormatter FORM =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);

    private WireTime() {}

    /** @return {@code instant} in the wire form, truncated (not rounded) to milliseconds. */
    public static String format(Instant instant) {
        return FORM.format(instant);
    }

    /** @return {@code time} as the same instant in the wire form (its own offset is dropped). */
    public static String format(OffsetDateTime time) {
        return format(time.toInstant());
    }
}
