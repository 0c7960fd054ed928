package nemo.mqtt.bridge.mqtt;

import org.jboss.logging.Logger;

import nemo.mqtt.service.OutageLog;

/**
 * What the heartbeat tells people about the broker connection: why the broker could not be reached
 * most recently, and why the most recently announced settings could not be used. Outages are
 * logged once at their start and once at their end.
 */
final class ConnectionHealth {

    private final Logger log;
    private final OutageLog outage;
    private volatile String lastError;
    private volatile String settingsError;

    ConnectionHealth(Logger log) {
        this.log = log;
        this.outage = new OutageLog(log, "MQTT broker");
    }

    String lastError() {
        return lastError;
    }

    String settingsError() {
        return settingsError;
    }

    void connected() {
        lastError = null;
        outage.recovered();
    }

    void unreachable(Throwable failure) {
        lastError = OutageLog.describe(failure);
        outage.failed(failure);
    }

    void lost(String what) {
        lastError = what;
        outage.failed(new IllegalStateException(what));
    }

    void settingsApplied() {
        settingsError = null;
    }

    /** {@code reason} must never hold a secret: it goes to the log and the heartbeat. */
    void settingsRefused(long version, long keptVersion, String keptAddress, String reason) {
        settingsError = (version >= 0 ? "Version " + version : "Announced settings") + " refused: " + reason;
        log.warnf(
                "Broker settings version %d refused, keeping version %d (%s): %s",
                version, keptVersion, keptAddress, reason);
    }
}
