package nemo.mqtt.monitor.settings;

import java.nio.file.Files;
import java.util.Map;
import java.util.function.Consumer;

import nemo.mqtt.testing.DevCerts;

/** Forms and settings the settings form's tests start from. */
final class FormSamples {

    private FormSamples() {}

    /** A valid form for broker.lab.example:8883 over TLS under {@code topicPrefix}. */
    static SettingsForm form(String topicPrefix) {
        SettingsForm form = new SettingsForm();
        form.host = "broker.lab.example";
        form.port = "8883";
        form.tls = "on";
        form.keepAliveSeconds = "30";
        form.inFlightWindow = "256";
        form.clientIdPrefix = "nemo-bridge-";
        form.topicPrefix = topicPrefix;
        return form;
    }

    /** The errors of {@code form} validated for a connection test (nothing stored before). */
    static Map<String, String> errors(SettingsForm form) {
        return form.validate(null).errors();
    }

    /** The error of {@code field} once {@code edit} changed a valid form; null when there is none. */
    static String error(String field, Consumer<SettingsForm> edit) {
        SettingsForm form = form("nemo");
        edit.accept(form);
        return errors(form).get(field);
    }

    /** Settings stored for broker.lab.example:8883 with TLS and host name checks, under {@code nemo}. */
    static BrokerSettings stored(String ca, String cert, String key, String username, String password) {
        return new BrokerSettings(
                "broker.lab.example",
                8883,
                true,
                ca,
                cert,
                key,
                true,
                username,
                password,
                "nemo-bridge-",
                30,
                null,
                256,
                "nemo");
    }

    /** The development client certificate of the bridge (PEM). */
    static String cert() throws Exception {
        return Files.readString(DevCerts.shared().cert("bridge"));
    }

    /** The development client key of the bridge (PEM). */
    static String key() throws Exception {
        return Files.readString(DevCerts.shared().key("bridge"));
    }
}
