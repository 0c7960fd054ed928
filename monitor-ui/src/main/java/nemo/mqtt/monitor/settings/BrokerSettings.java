package nemo.mqtt.monitor.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Broker settings for the bridges, as an admin saved them. A null {@code qos} publishes each entry
 * at its own QoS. Empty PEM fields mean "keep what each
 * bridge has configured" (e.g. certificates mounted from a Secret). {@link #toString()} leaves out
 * the password and the private key.
 */
public record BrokerSettings(
        String host,
        int port,
        boolean tls,
        String caPem,
        String clientCertPem,
        String clientKeyPem,
        boolean verifyHostname,
        String username,
        String password,
        String clientIdPrefix,
        int keepAliveSeconds,
        Integer qos,
        int inFlightWindow,
        String topicPrefix) {

    /** Names of the fields that differ from {@code before} (secrets by name only), for the audit trail. */
    public List<String> changedFrom(BrokerSettings before) {
        List<String> changed = new ArrayList<>();
        if (before == null) {
            changed.add("all");
            return changed;
        }
        diff(changed, "host", host, before.host);
        diff(changed, "port", port, before.port);
        diff(changed, "tls", tls, before.tls);
        diff(changed, "ca certificate", caPem, before.caPem);
        diff(changed, "client certificate", clientCertPem, before.clientCertPem);
        diff(changed, "client key", clientKeyPem, before.clientKeyPem);
        diff(changed, "hostname verification", verifyHostname, before.verifyHostname);
        diff(changed, "username", username, before.username);
        diff(changed, "password", password, before.password);
        diff(changed, "client id prefix", clientIdPrefix, before.clientIdPrefix);
        diff(changed, "keep-alive", keepAliveSeconds, before.keepAliveSeconds);
        diff(changed, "qos", qos, before.qos);
        diff(changed, "in-flight window", inFlightWindow, before.inFlightWindow);
        diff(changed, "topic prefix", topicPrefix, before.topicPrefix);
        return changed;
    }

    /** These settings with {@code clientKeyPem} and {@code password} in place of theirs (to seal or open them). */
    public BrokerSettings withSecrets(String clientKeyPem, String password) {
        return new BrokerSettings(
                host,
                port,
                tls,
                caPem,
                clientCertPem,
                clientKeyPem,
                verifyHostname,
                username,
                password,
                clientIdPrefix,
                keepAliveSeconds,
                qos,
                inFlightWindow,
                topicPrefix);
    }

    private static void diff(List<String> changed, String name, Object now, Object before) {
        if (!Objects.equals(now, before)) {
            changed.add(name);
        }
    }

    @Override
    public String toString() {
        return "BrokerSettings[" + host + ":" + port + ", tls=" + tls + ", verifyHostname=" + verifyHostname
                + ", ca=" + (caPem != null) + ", clientCert=" + (clientCertPem != null) + ", clientKey="
                + (clientKeyPem != null ? "set" : "-") + ", username=" + username + ", password="
                + (password != null ? "set" : "-") + ", clientIdPrefix=" + clientIdPrefix + ", keepAlive="
                + keepAliveSeconds + ", qos=" + qos + ", inFlightWindow=" + inFlightWindow + ", topicPrefix="
                + topicPrefix + "]";
    }
}
