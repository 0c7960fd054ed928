package nemo.mqtt.monitor.settings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jboss.resteasy.reactive.RestForm;

import nemo.mqtt.wire.TopicPrefix;

/**
 * The settings form as posted. Every field arrives as text so that a wrong value comes back with a
 * message next to it instead of a generic 400. Secrets left empty keep the stored value; the
 * "clear" boxes remove it.
 */
public class SettingsForm {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-:\\[\\]]{1,253}");
    private static final Pattern CLIENT_ID_PREFIX = Pattern.compile("[A-Za-z0-9._\\-]{0,64}");

    @RestForm
    public String host;

    @RestForm
    public String port;

    @RestForm
    public String tls;

    @RestForm("ca_pem")
    public String caPem;

    @RestForm("client_cert_pem")
    public String clientCertPem;

    @RestForm("client_key_pem")
    public String clientKeyPem;

    @RestForm("clear_client_key")
    public String clearClientKey;

    @RestForm("verify_hostname")
    public String verifyHostname;

    @RestForm
    public String username;

    @RestForm
    public String password;

    @RestForm("clear_password")
    public String clearPassword;

    @RestForm("client_id_prefix")
    public String clientIdPrefix;

    @RestForm("keep_alive_seconds")
    public String keepAliveSeconds;

    @RestForm
    public String qos;

    @RestForm("in_flight_window")
    public String inFlightWindow;

    @RestForm("topic_prefix")
    public String topicPrefix;
    /** The version in force when the form was opened (0: none); saving fails if another was saved since. */
    @RestForm("based_on")
    public String basedOn;

    /** {@link #basedOn} as a number, or null when the form did not say (then no check). */
    public Long basedOnVersion() {
        String value = trimmed(basedOn);
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@link #validate(BrokerSettings, boolean)} for values that are not stored (a connection test). */
    public Validated validate(BrokerSettings current) {
        return validate(current, true);
    }

    /**
     * The form's values over {@code current} (for kept secrets), or the field errors. Without
     * {@code secretsStorable} (no encryption key), a password or client key is refused, saying why.
     */
    public Validated validate(BrokerSettings current, boolean secretsStorable) {
        Map<String, String> errors = new LinkedHashMap<>();
        String validHost = trimmed(host);
        if (validHost == null) {
            errors.put("host", "Enter the broker's host name or IP address.");
        } else if (!HOST.matcher(validHost).matches()) {
            errors.put("host", "A host name has only letters, digits, dots and dashes (or an IP address).");
        }
        int validPort = number(errors, "port", port, 1, 65535, "Port");
        // at least 1 s: the bridges' MQTT client cannot run without keep-alive (and a dead broker would go unnoticed)
        int keepAlive = number(errors, "keep_alive_seconds", keepAliveSeconds, 1, 65535, "Keep-alive");
        Integer validQos = trimmed(qos) == null ? null : number(errors, "qos", qos, 0, 1, "QoS");
        int window = number(errors, "in_flight_window", inFlightWindow, 1, 65535, "In-flight window");
        String prefix = trimmed(clientIdPrefix) == null ? "" : trimmed(clientIdPrefix);
        if (!CLIENT_ID_PREFIX.matcher(prefix).matches()) {
            errors.put("client_id_prefix", "Up to 64 letters, digits, dots, dashes or underscores.");
        }
        // the one rule, shared with every bridge (which checks an announced prefix again)
        String topic = trimmed(topicPrefix);
        TopicPrefix.problem(topic).ifPresent(problem -> errors.put("topic_prefix", problem));
        String ca = pem(errors, "ca_pem", caPem, true);
        String cert = pem(errors, "client_cert_pem", clientCertPem, true);
        // Stored secrets are only ever sent to the broker they were entered for: pointing the form
        // at another host, or trusting another CA or any host name (which lets whoever holds another
        // certificate stand in for the broker), must not hand the password or key to it.
        boolean sameBroker = current != null
                && current.host().equalsIgnoreCase(String.valueOf(validHost))
                && current.port() == validPort
                && current.tls() == on(tls)
                && Objects.equals(normalized(current.caPem()), normalized(ca))
                && !(current.verifyHostname() && !on(verifyHostname));
        String key = checked(clientKeyPem) != null
                ? pem(errors, "client_key_pem", clientKeyPem, false)
                : on(clearClientKey) || current == null ? null : current.clientKeyPem();
        if (key != null && checked(clientKeyPem) == null && !sameBroker) {
            errors.put("client_key_pem", "The broker changed: paste the client key again (or remove it).");
        }
        if ((cert == null) != (key == null)
                && !errors.containsKey("client_cert_pem")
                && !errors.containsKey("client_key_pem")) {
            errors.put(
                    cert == null ? "client_cert_pem" : "client_key_pem",
                    "Give the client certificate and its key together, or neither.");
        }
        String secret = password != null && !password.isEmpty()
                ? password
                : on(clearPassword) || current == null ? null : current.password();
        if (secret != null && (password == null || password.isEmpty()) && !sameBroker) {
            errors.put("password", "The broker changed: type the password again (or remove it).");
        }
        if (secret != null && trimmed(username) == null) {
            errors.put("username", "MQTT sends a password only with a user name: enter one, or remove the password.");
        }
        if (!secretsStorable) {
            if (secret != null) {
                errors.putIfAbsent("password", SettingsSecrets.KEY_MISSING);
            }
            if (key != null) {
                errors.putIfAbsent("client_key_pem", SettingsSecrets.KEY_MISSING);
            }
        }
        if (!errors.isEmpty()) {
            return new Validated(null, errors);
        }
        return new Validated(
                new BrokerSettings(
                        validHost,
                        validPort,
                        on(tls),
                        ca,
                        cert,
                        key,
                        on(verifyHostname),
                        trimmed(username),
                        secret,
                        prefix,
                        keepAlive,
                        validQos,
                        window,
                        topic),
                errors);
    }

    /** The result of {@link #validate}: settings when {@code errors} is empty. */
    public record Validated(BrokerSettings settings, Map<String, String> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private static int number(Map<String, String> errors, String field, String text, int min, int max, String label) {
        String value = trimmed(text);
        try {
            int parsed = Integer.parseInt(value == null ? "" : value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        errors.put(field, label + " must be a whole number from " + min + " to " + max + ".");
        return 0;
    }

    private static String pem(Map<String, String> errors, String field, String text, boolean certificate) {
        String value = checked(text);
        if (value == null) {
            return null;
        }
        String problem = certificate ? Pem.certificateProblem(value) : Pem.privateKeyProblem(value);
        if (problem != null) {
            errors.put(field, "This " + problem + ".");
        }
        return value;
    }

    private static String checked(String text) {
        return text == null || text.isBlank() ? null : text.strip().replace("\r\n", "\n") + "\n";
    }

    /** A PEM text compared by content: line endings and surrounding white space do not count. */
    private static String normalized(String pem) {
        return pem == null || pem.isBlank() ? null : pem.replace("\r\n", "\n").strip();
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static boolean on(String checkbox) {
        return checkbox != null && !checkbox.isEmpty() && !checkbox.equals("false");
    }
}
