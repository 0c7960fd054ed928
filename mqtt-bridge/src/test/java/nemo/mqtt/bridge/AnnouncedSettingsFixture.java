package nemo.mqtt.bridge;

import jakarta.inject.Inject;

import nemo.mqtt.bridge.health.Heartbeat;
import nemo.mqtt.bridge.mqtt.BrokerConnection;

/** What the tests of announced broker settings look at besides Redis (where they announce): the connection and the heartbeat. */
abstract class AnnouncedSettingsFixture extends BridgeFixture {

    @Inject
    BrokerConnection broker;

    @Inject
    Heartbeat heartbeat;
}
