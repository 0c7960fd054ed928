package nemo.mqtt.bridge.mqtt;

/** The publish could not reach the broker: the entry stays pending and is published again after reconnecting. */
public class NotConnectedException extends RuntimeException {

    public NotConnectedException(String message) {
        super(message, null, false, false);
    }
}
