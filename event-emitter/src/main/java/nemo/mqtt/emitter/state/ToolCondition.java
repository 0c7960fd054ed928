package nemo.mqtt.emitter.state;

/** The one state a display shows, highest priority first, as NEMO ranks them. */
public enum ToolCondition {
    SHUTDOWN("shutdown"),
    OUTAGE("outage"),
    PROBLEM("problem"),
    IN_USE("in_use"),
    DELAYED_LOGOFF("delayed_logoff"),
    IDLE("idle");

    private final String wireName;

    ToolCondition(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
