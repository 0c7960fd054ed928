package nemo.mqtt.monitor.settings;

import java.util.List;
import java.util.Map;

/**
 * What the settings page shows. {@code values} never holds the password or the private key: the
 * page only says whether they are set.
 */
public record SettingsPage(
        FormValues values,
        Map<String, String> errors,
        String notice,
        String conflict,
        ConnectionTester.Result test,
        SavedSettings saved,
        List<SettingsChange> history,
        String monitorTopicPrefix) {

    /** What a save from this page is based on: the version in force as the page shows it. */
    public long basedOn() {
        return saved == null ? 0 : saved.version();
    }

    /** The bridges would publish where this monitor does not listen: its pages would stop following. */
    public boolean prefixDiffersFromMonitor() {
        return saved != null && !saved.settings().topicPrefix().equals(monitorTopicPrefix);
    }

    /** The fields as the form shows them, from the saved settings or from what was just posted. */
    public record FormValues(
            String host,
            String port,
            boolean tls,
            String caPem,
            String clientCertPem,
            boolean clientKeySet,
            boolean verifyHostname,
            String username,
            boolean passwordSet,
            String clientIdPrefix,
            String keepAliveSeconds,
            String qos,
            String inFlightWindow,
            String topicPrefix) {

        static FormValues of(BrokerSettings s) {
            return new FormValues(
                    s.host(),
                    Integer.toString(s.port()),
                    s.tls(),
                    orEmpty(s.caPem()),
                    orEmpty(s.clientCertPem()),
                    s.clientKeyPem() != null,
                    s.verifyHostname(),
                    orEmpty(s.username()),
                    s.password() != null,
                    s.clientIdPrefix(),
                    Integer.toString(s.keepAliveSeconds()),
                    s.qos() == null ? "" : Integer.toString(s.qos()),
                    Integer.toString(s.inFlightWindow()),
                    s.topicPrefix());
        }

        /** What was posted, so a mistake is corrected in place; secrets still only as "set". */
        static FormValues of(SettingsForm f, BrokerSettings current) {
            boolean keySet = (f.clientKeyPem != null && !f.clientKeyPem.isBlank())
                    || (current != null && current.clientKeyPem() != null && f.clearClientKey == null);
            boolean passwordSet = (f.password != null && !f.password.isEmpty())
                    || (current != null && current.password() != null && f.clearPassword == null);
            return new FormValues(
                    orEmpty(f.host),
                    orEmpty(f.port),
                    f.tls != null,
                    orEmpty(f.caPem),
                    orEmpty(f.clientCertPem),
                    keySet,
                    f.verifyHostname != null,
                    orEmpty(f.username),
                    passwordSet,
                    orEmpty(f.clientIdPrefix),
                    orEmpty(f.keepAliveSeconds),
                    orEmpty(f.qos),
                    orEmpty(f.inFlightWindow),
                    orEmpty(f.topicPrefix));
        }

        private static String orEmpty(String text) {
            return text == null ? "" : text;
        }
    }

    public String error(String field) {
        return errors.get(field);
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }
}
