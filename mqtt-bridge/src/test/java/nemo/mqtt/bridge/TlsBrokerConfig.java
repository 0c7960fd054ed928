package nemo.mqtt.bridge;

import java.util.HashMap;
import java.util.Map;

import nemo.mqtt.testing.DevCerts;

/** The configuration the bridge's test resources share: a TLS broker and the bridge's dev client certificate. */
final class TlsBrokerConfig {

    private TlsBrokerConfig() {}

    /**
     * The bridge as replica {@code consumerName} at the TLS broker on {@code port}, presenting the
     * dev CA's bridge certificate; a mutable map, for each resource to add its own settings to.
     */
    static Map<String, String> of(int port, String consumerName) {
        DevCerts certs = DevCerts.shared();
        Map<String, String> config = new HashMap<>();
        config.put("nemo.bridge.broker.port", String.valueOf(port));
        config.put("nemo.bridge.broker.tls.ca-file", certs.ca().toString());
        config.put("nemo.bridge.broker.tls.cert-file", certs.cert("bridge").toString());
        config.put("nemo.bridge.broker.tls.key-file", certs.key("bridge").toString());
        config.put("nemo.bridge.consumer-name", consumerName);
        return config;
    }
}
