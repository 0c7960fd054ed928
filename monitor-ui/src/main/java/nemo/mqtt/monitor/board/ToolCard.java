package nemo.mqtt.monitor.board;

/**
 * One tool on the board, from its retained status (and next reservation) messages. Times are
 * ISO-8601 as published; the page formats them in the reader's time zone. {@code attention} is the
 * text someone must read: the open problem, the shutdown or outage note, or a warning.
 */
public record ToolCard(
        long toolId,
        String name,
        String state,
        String label,
        String icon,
        String userName,
        String operatorName,
        String since,
        String attention,
        NextReservation next,
        String updatedAt,
        long seq) {

    /** The tool's next reservation, or null fields when there is none. */
    public record NextReservation(Long reservationId, String userName, String startTime, String endTime, long seq) {
        static final NextReservation NONE = new NextReservation(null, null, null, null, -1);
    }

    ToolCard withNext(NextReservation next) {
        return new ToolCard(
                toolId, name, state, label, icon, userName, operatorName, since, attention, next, updatedAt, seq);
    }

    /** A tool known only from its next reservation so far. */
    static ToolCard placeholder(long toolId, String name) {
        ToolStateView idle = ToolStateView.IDLE;
        return new ToolCard(
                toolId,
                name,
                idle.wireName(),
                idle.label(),
                idle.icon(),
                null,
                null,
                null,
                null,
                NextReservation.NONE,
                null,
                -1);
    }

    public String displayName() {
        return name != null ? name : "Tool " + toolId;
    }
}
