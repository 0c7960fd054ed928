package nemo.mqtt.monitor.web;

import java.util.List;

/** An event type the live log can be filtered by ({@code value}, the payload's {@code event}) and its words there. */
public record EventChoice(String value, String label) {

    /** The filter's choices, in the order the log page lists them. */
    public static final List<EventChoice> ALL = List.of(
            new EventChoice("tool_enabled", "Usage started"),
            new EventChoice("tool_disabled", "Usage ended"),
            new EventChoice("tool_status", "Tool status"),
            new EventChoice("tool_next_reservation", "Next reservation"),
            new EventChoice("tool_non_operational", "Shut down"),
            new EventChoice("tool_operational", "Back in service"),
            new EventChoice("task_created", "Problem reported"),
            new EventChoice("task_updated", "Problem updated"),
            new EventChoice("task_resolved", "Problem resolved"),
            new EventChoice("outage_started", "Outage started"),
            new EventChoice("outage_ended", "Outage ended"),
            new EventChoice("reservation_created", "Reservation created"),
            new EventChoice("reservation_updated", "Reservation changed"),
            new EventChoice("reservation_cancelled", "Reservation cancelled"),
            new EventChoice("tool_updated", "Tool details"));
}
