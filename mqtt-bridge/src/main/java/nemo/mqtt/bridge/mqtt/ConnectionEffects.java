package nemo.mqtt.bridge.mqtt;

import nemo.mqtt.bridge.settings.BrokerSettings;

/**
 * What a change of connection means to the rest of the bridge (health, republish requests, the
 * window): {@link ConnectionMachine} calls these on its context, as its phase changes.
 */
interface ConnectionEffects {
    /** {@code opened} is now the connection publishes go to; {@code trial}: it was made with newly applied settings. */
    void adopted(BrokerSession opened, boolean sessionPresent, BrokerSettings before, boolean trial);

    /** An attempt with the current settings failed. */
    void unreachable(Throwable failure);

    /** The current connection closed; a reconnect follows. */
    void lost(BrokerSession lost);

    /** The broker did not accept {@code refused}; the current settings stay. */
    void refused(BrokerSettings refused, Throwable failure);
}
