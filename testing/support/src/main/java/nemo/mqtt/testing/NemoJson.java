package nemo.mqtt.testing;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * NEMO 8's REST rows as its serializers write them, for {@link FakeNemo}: datetimes printed as DRF
 * does, in NEMO's TIME_ZONE (here America/New_York), with microseconds. Each builder takes the row's
 * fields and returns its JSON.
 */
public final class NemoJson {

    public static final ZoneId NEMO_TIME_ZONE = ZoneId.of("America/New_York");
    private static final DateTimeFormatter DRF = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private NemoJson() {}

    /** {@code at} as NEMO prints it: in its TIME_ZONE, microseconds, offset. */
    public static String nemoTime(Instant at) {
        return at == null ? null : DRF.format(at.atZone(NEMO_TIME_ZONE));
    }

    public static JsonObject user(long id, String first, String last) {
        return new JsonObject()
                .put("id", id)
                .put("username", (first.charAt(0) + last).toLowerCase())
                .put("first_name", first)
                .put("last_name", last)
                .put("email", first.toLowerCase() + "@lab.example")
                .put("is_active", true);
    }

    public static JsonObject usage(long id, long tool, String first, String last, Instant start, Instant end) {
        JsonObject usage = booking(id, tool, first, last, start, end);
        return usage.put("operator", usage.getJsonObject("user").copy())
                .put("remote_work", false)
                .put("training", false)
                .put("pre_run_data", null)
                .put("run_data", null)
                .put("waived_on", null)
                .put("waived_by", null)
                .put("validated_by", null)
                .put("has_ended", end == null ? 0 : id);
    }

    public static JsonObject reservation(long id, long tool, String first, String last, Instant start, Instant end) {
        JsonObject reservation = booking(id, tool, first, last, start, end);
        return reservation
                .put("creator", reservation.getJsonObject("user").getLong("id"))
                .put("area", null)
                .put("short_notice", false)
                .put("cancelled", false)
                .put("cancellation_time", null)
                .put("cancelled_by", null)
                .put("missed", false)
                .put("shortened", false)
                .put("descendant", null)
                .put("additional_information", null)
                .put("self_configuration", false)
                .put("title", "");
    }

    /**
     * What a usage event and a reservation share: a user (id {@code id * 10}) on a tool for project 5
     * from {@code start} to {@code end}, not validated, not waived.
     */
    private static JsonObject booking(long id, long tool, String first, String last, Instant start, Instant end) {
        return new JsonObject()
                .put("id", id)
                .put("user", user(id * 10, first, last))
                .put("project", 5)
                .put("tool", tool)
                .put("start", nemoTime(start))
                .put("end", nemoTime(end))
                .put("validated", false)
                .put("waived", false);
    }

    public static JsonObject tool(long id, String name, Long parent) {
        return new JsonObject()
                .put("id", id)
                .put("name", name)
                .put("_category", "Lithography/Optical")
                .put("visible", true)
                .put("_operational", true)
                .put("parent_tool", parent)
                .put("_location", "Bay 3")
                .put("_primary_owner", 1)
                .put("_description", null)
                .put("_operation_mode", 0);
    }

    public static JsonObject task(long id, long tool, boolean forceShutdown, String problem, Instant created) {
        return new JsonObject()
                .put("id", id)
                .put("tool", tool)
                .put("urgency", forceShutdown ? 1 : 0)
                .put("force_shutdown", forceShutdown)
                .put("safety_hazard", false)
                .put("creator", 1)
                .put("creation_time", nemoTime(created))
                .put("problem_category", null)
                .put("problem_description", problem)
                .put("progress_description", null)
                .put("last_updated", null)
                .put("last_updated_by", null)
                .put("estimated_resolution_time", null)
                .put("cancelled", false)
                .put("resolved", false)
                .put("resolution_time", null)
                .put("resolver", null)
                .put("resolution_description", null)
                .put("resolution_category", null)
                .put("history", new JsonArray());
    }

    public static JsonObject outage(long id, long tool, String title, Instant start, Instant end) {
        return new JsonObject()
                .put("id", id)
                .put("start", nemoTime(start))
                .put("end", nemoTime(end))
                .put("creator", 1)
                .put("title", title)
                .put("details", "")
                .put("category", "Maintenance")
                .put("tool", tool)
                .put("area", null)
                .put("resource", null)
                .put("reminder_days", null)
                .put("reminder_emails", null);
    }
}
