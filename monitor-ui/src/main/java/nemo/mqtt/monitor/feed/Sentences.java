package nemo.mqtt.monitor.feed;

import nemo.mqtt.monitor.board.ToolStateView;

/** Each message as a sentence a lab manager reads at a glance ("Alice Smith started using Woollam"). */
public final class Sentences {

    private Sentences() {}

    public static String describe(String topic, ReadMessage message) {
        String event = message.text("event");
        if (event == null) {
            return "Message on " + topic;
        }
        String tool = tool(message);
        String user = orElse(message.text("user_name"), "Someone");
        String note = suffix(message.text("note"));
        return switch (event) {
            case "tool_enabled" -> user + " started using " + tool + operator(message, user);
            case "tool_disabled" ->
                user + " stopped using " + tool
                        + (message.text("delayed_logoff_until") != null ? " (delayed logoff)" : "");
            case "tool_non_operational" -> tool + " was shut down" + note;
            case "tool_operational" -> tool + " is back in service" + note;
            case "task_created" -> "Problem reported on " + tool + note;
            case "task_updated" -> "Problem on " + tool + " updated" + note;
            case "task_resolved" -> "Problem on " + tool + " resolved" + note;
            case "outage_started" -> "Outage started on " + tool + note;
            case "outage_ended" -> "Outage ended on " + tool;
            case "reservation_created" -> user + " reserved " + tool;
            case "reservation_updated" -> user + " changed a reservation of " + tool;
            case "reservation_cancelled" -> user + " cancelled a reservation of " + tool;
            case "tool_updated" -> tool + " details updated";
            case "tool_status" -> status(tool, message);
            case "tool_next_reservation" ->
                message.number("reservation_id") == null
                        ? "No upcoming reservation on " + tool
                        : "Next on " + tool + ": " + user;
            default -> event.replace('_', ' ') + " on " + tool;
        };
    }

    private static String status(String tool, ReadMessage message) {
        ToolStateView state = ToolStateView.of(message.text("state"));
        String user = message.text("user_name");
        return switch (state) {
            case IN_USE -> tool + " is in use" + (user != null ? " by " + user : "");
            case DELAYED_LOGOFF -> tool + " is blocked after " + orElse(user, "a run") + " (delayed logoff)";
            case PROBLEM -> tool + " has a problem" + suffix(message.text("problem"));
            case SHUTDOWN -> tool + " is shut down" + suffix(message.text("shutdown_note"));
            case OUTAGE -> tool + " has an outage" + suffix(message.text("outage_note"));
            case IDLE -> tool + " is idle";
        };
    }

    private static String tool(ReadMessage message) {
        String name = message.text("tool_name");
        Long id = message.number("tool_id");
        return name != null ? name : id != null ? "tool " + id : "a tool";
    }

    private static String operator(ReadMessage message, String user) {
        String operator = message.text("operator_name");
        return operator != null && !operator.equals(user) ? " (operated by " + operator + ")" : "";
    }

    private static String suffix(String note) {
        return note == null || note.isBlank() ? "" : ": " + note.strip();
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
