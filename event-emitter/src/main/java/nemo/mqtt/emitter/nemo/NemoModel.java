package nemo.mqtt.emitter.nemo;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * NEMO's REST resources as the poller reads them (NEMO 7/8 serializers, {@code fields="__all__"},
 * so JSON keys are the model's field names, snake_case as {@link NemoClient} reads them; two start
 * with an underscore: {@code _operational}, {@code _category}). Only what the poller uses is kept;
 * other keys are ignored. Times are instants: NEMO prints them in its
 * TIME_ZONE with an offset, and an instant compares the same whatever that zone is.
 */
public final class NemoModel {

    private NemoModel() {}

    /** A user, as {@code expand=user,operator} embeds it. */
    public record User(long id, String username, String firstName, String lastName) {

        /** NEMO's short display name, "First Last", else the username. */
        public String name() {
            String full = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
            return full.isEmpty() ? username : full;
        }

        static String nameOf(User user) {
            return user == null ? null : user.name();
        }
    }

    /** {@code /api/usage_events/}: {@code end} is null while in use, in the future during a delayed logoff. */
    public record Usage(long id, User user, User operator, long tool, Instant start, Instant end) {}

    /** {@code /api/tools/}: a child ("alternate") tool has a {@code parent_tool}. */
    public record Tool(
            long id,
            String name,
            Long parentTool,
            @JsonProperty("_category") String category,
            @JsonProperty("_operational") Boolean operational) {}

    /** {@code /api/tasks/}: a problem report; open while neither resolved nor cancelled. */
    public record Task(
            long id,
            long tool,
            boolean forceShutdown,
            String problemDescription,
            Instant creationTime,
            Instant lastUpdated,
            boolean cancelled,
            boolean resolved) {}

    /** {@code /api/reservations/} ({@code tool} is null for an area reservation). */
    public record Reservation(long id, User user, Long tool, Instant start, Instant end) {}

    /** {@code /api/scheduled_outages/}: in effect while {@code start <= now < end}. */
    public record ScheduledOutage(long id, Long tool, String title, Instant start, Instant end) {}

    /** {@code /api/unplanned_outages/} (NEMO 8+): one row per shutdown period of a tool. */
    public record UnplannedOutage(long id, Long tool, Instant start, Instant end) {}
}
