package nemo.mqtt.monitor.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The form's rules, without a server: plain values in, field errors out. */
class SettingsFormTest {

    private static SettingsForm form(String topicPrefix) {
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

    @Test
    void withoutAnEncryptionKeyAPasswordOrClientKeyIsRefusedNamingTheVariable() throws Exception {
        SettingsForm withSecrets = form("nemo");
        withSecrets.username = "bridge-user";
        withSecrets.password = "s3cret";
        withSecrets.clientCertPem = java.nio.file.Files.readString(
                nemo.mqtt.testing.DevCerts.shared().cert("bridge"));
        withSecrets.clientKeyPem = java.nio.file.Files.readString(
                nemo.mqtt.testing.DevCerts.shared().key("bridge"));
        SettingsForm.Validated refused = withSecrets.validate(null, false);
        assertTrue(
                refused.errors().get("password").contains("NEMO_SETTINGS_ENCRYPTION_KEY"),
                refused.errors().toString());
        assertTrue(refused.errors().get("client_key_pem").contains("NEMO_SETTINGS_ENCRYPTION_KEY"));
        assertTrue(withSecrets.validate(null, true).valid(), "with a key they are stored (sealed)");
        assertTrue(withSecrets.validate(null).valid(), "a connection test stores nothing");
        assertTrue(form("nemo").validate(null, false).valid(), "settings without secrets still save");
    }

    @Test
    void theTopicPrefixFollowsTheOneWireRule() {
        // $ topics are the broker's own: wildcard subscribers (displays on nemo/#... or #) never see them
        for (String refused :
                new String[] {"$fz", "$SYS", "$SYS/nemo", "nemo/+", "lab/#", "/nemo", "nemo/", "a//b", "x".repeat(65)
                }) {
            SettingsForm.Validated validated = form(refused).validate(null);
            assertTrue(validated.errors().containsKey("topic_prefix"), refused);
            assertEquals(
                    nemo.mqtt.wire.TopicPrefix.problem(refused).orElseThrow(),
                    validated.errors().get("topic_prefix"),
                    "the wire module's words, for " + refused);
        }
        assertEquals(
                "A topic prefix is required.",
                form("  ").validate(null).errors().get("topic_prefix"));
        for (String accepted : new String[] {"nemo", "lab1/nemo", "fz$", "x".repeat(64)}) {
            assertTrue(form(accepted).validate(null).valid(), accepted);
        }
    }

    @Test
    void aKeepAliveTheBridgesCannotUseIsRefused() {
        for (String refused : new String[] {"0", "-1", "65536", "thirty"}) {
            SettingsForm keepAlive = form("nemo");
            keepAlive.keepAliveSeconds = refused;
            assertTrue(keepAlive.validate(null).errors().containsKey("keep_alive_seconds"), refused);
        }
        SettingsForm one = form("nemo");
        one.keepAliveSeconds = "1";
        assertTrue(one.validate(null).valid());
    }

    @Test
    void aStoredPasswordGoesOnlyToTheBrokerItWasTypedFor() throws Exception {
        String ca = java.nio.file.Files.readString(
                nemo.mqtt.testing.DevCerts.shared().ca());
        BrokerSettings stored = new BrokerSettings(
                "broker.lab.example",
                8883,
                true,
                ca,
                null,
                null,
                true,
                "bridge-user",
                "s3cret",
                "nemo-bridge-",
                30,
                null,
                256,
                "nemo");
        SettingsForm same = form("nemo");
        same.username = "bridge-user";
        same.caPem = ca.replace("\n", "\r\n") + "\n";
        same.verifyHostname = "on";
        assertTrue(same.validate(stored).valid(), "the same broker, CA and checks keep the stored password");

        SettingsForm otherCa = form("nemo");
        otherCa.username = "bridge-user";
        otherCa.verifyHostname = "on";
        assertTrue(
                otherCa.validate(stored).errors().get("password").startsWith("The broker changed"),
                "another (here: no) CA could let another server stand in for the broker");

        SettingsForm anyHost = form("nemo");
        anyHost.username = "bridge-user";
        anyHost.caPem = ca;
        assertTrue(
                anyHost.validate(stored).errors().get("password").startsWith("The broker changed"),
                "without host name checks any certificate of the CA could stand in for the broker");
    }

    private static String cert() throws Exception {
        return Files.readString(nemo.mqtt.testing.DevCerts.shared().cert("bridge"));
    }

    private static String key() throws Exception {
        return Files.readString(nemo.mqtt.testing.DevCerts.shared().key("bridge"));
    }

    private static Map<String, String> errors(SettingsForm form) {
        return form.validate(null).errors();
    }

    @Test
    void aGoodFormBecomesSettings() {
        SettingsForm good = form(" nemo ");
        good.host = " broker.lab.example ";
        good.username = " bridge ";
        good.password = "pw";
        good.qos = "1";
        good.verifyHostname = "on";
        SettingsForm.Validated validated = good.validate(null);
        assertTrue(validated.valid(), validated.errors().toString());
        BrokerSettings settings = validated.settings();
        assertEquals("broker.lab.example", settings.host());
        assertEquals(8883, settings.port());
        assertTrue(settings.tls());
        assertTrue(settings.verifyHostname());
        assertEquals("bridge", settings.username());
        assertEquals("pw", settings.password(), "a password is taken as typed");
        assertEquals("nemo-bridge-", settings.clientIdPrefix());
        assertEquals(30, settings.keepAliveSeconds());
        assertEquals(1, settings.qos());
        assertEquals(256, settings.inFlightWindow());
        assertEquals("nemo", settings.topicPrefix());
        good.qos = " ";
        assertNull(good.validate(null).settings().qos(), "no QoS: each entry at its own");
    }

    @Test
    void theHostIsRequiredAndPlain() {
        SettingsForm noHost = form("nemo");
        noHost.host = " ";
        assertEquals(
                "Enter the broker's host name or IP address.", errors(noHost).get("host"));
        SettingsForm badHost = form("nemo");
        badHost.host = "broker lab/x";
        assertEquals(
                "A host name has only letters, digits, dots and dashes (or an IP address).",
                errors(badHost).get("host"));
        for (String accepted : new String[] {"10.0.0.5", "[::1]", "mqtt-1.lab.example"}) {
            SettingsForm ok = form("nemo");
            ok.host = accepted;
            assertTrue(ok.validate(null).valid(), accepted);
        }
    }

    @Test
    void numbersAreWholeAndInRangeWithTheRangeInTheMessage() {
        String[][] cases = {
            {"port", "0"},
            {"port", "65536"},
            {"port", "eighty"},
            {"port", ""},
            {"keep_alive_seconds", "-1"},
            {"qos", "2"},
            {"in_flight_window", "0"},
            {"in_flight_window", "1.5"}
        };
        Map<String, String> messages = Map.of(
                "port",
                "Port must be a whole number from 1 to 65535.",
                "keep_alive_seconds",
                "Keep-alive must be a whole number from 1 to 65535.",
                "qos",
                "QoS must be a whole number from 0 to 1.",
                "in_flight_window",
                "In-flight window must be a whole number from 1 to 65535.");
        for (String[] c : cases) {
            SettingsForm bad = form("nemo");
            switch (c[0]) {
                case "port" -> bad.port = c[1];
                case "keep_alive_seconds" -> bad.keepAliveSeconds = c[1];
                case "qos" -> bad.qos = c[1];
                default -> bad.inFlightWindow = c[1];
            }
            Map<String, String> errors = errors(bad);
            assertEquals(Map.of(c[0], messages.get(c[0])), errors, c[0] + "=" + c[1]);
        }
        SettingsForm edges = form("nemo");
        edges.port = " 1 ";
        edges.keepAliveSeconds = "1";
        edges.qos = "0";
        edges.inFlightWindow = "65535";
        assertTrue(edges.validate(null).valid(), "the bounds themselves are allowed");
    }

    @Test
    void theClientIdPrefixIsShortAndPlain() {
        SettingsForm bad = form("nemo");
        bad.clientIdPrefix = "nemo bridge";
        assertEquals(
                "Up to 64 letters, digits, dots, dashes or underscores.",
                errors(bad).get("client_id_prefix"));
        bad.clientIdPrefix = "x".repeat(65);
        assertTrue(errors(bad).containsKey("client_id_prefix"));
        bad.clientIdPrefix = "";
        assertTrue(bad.validate(null).valid(), "an empty prefix is allowed");
    }

    @Test
    void pemFieldsAreCheckedAndTheProblemNamed() throws Exception {
        SettingsForm bad = form("nemo");
        bad.caPem = "not a certificate";
        bad.clientCertPem = key();
        bad.clientKeyPem = cert();
        Map<String, String> errors = errors(bad);
        assertEquals("This is not a PEM certificate (expected -----BEGIN CERTIFICATE-----).", errors.get("ca_pem"));
        assertEquals(
                "This is not a PEM certificate (expected -----BEGIN CERTIFICATE-----).", errors.get("client_cert_pem"));
        assertEquals(
                "This is not a PEM private key (expected -----BEGIN PRIVATE KEY-----).", errors.get("client_key_pem"));
    }

    @Test
    void pastedPemIsStoredWithUnixLineEndsAndOneFinalNewline() throws Exception {
        SettingsForm pasted = form("nemo");
        pasted.caPem = "  " + cert().strip().replace("\n", "\r\n") + "\r\n\r\n";
        BrokerSettings settings = pasted.validate(null).settings();
        assertEquals(cert().strip() + "\n", settings.caPem());
    }

    @Test
    void aClientCertificateAndKeyComeTogether() throws Exception {
        SettingsForm certOnly = form("nemo");
        certOnly.clientCertPem = cert();
        assertEquals(
                "Give the client certificate and its key together, or neither.",
                errors(certOnly).get("client_key_pem"));
        SettingsForm keyOnly = form("nemo");
        keyOnly.clientKeyPem = key();
        assertEquals(
                "Give the client certificate and its key together, or neither.",
                errors(keyOnly).get("client_cert_pem"));
        SettingsForm both = form("nemo");
        both.clientCertPem = cert();
        both.clientKeyPem = key();
        assertTrue(both.validate(null).valid());
    }

    @Test
    void aPasswordNeedsAUserName() {
        SettingsForm noUser = form("nemo");
        noUser.password = "pw";
        assertEquals(
                "MQTT sends a password only with a user name: enter one, or remove the password.",
                errors(noUser).get("username"));
    }

    @Test
    void storedSecretsStayForTheSameBrokerOnlyAndTheClearBoxesRemoveThem() throws Exception {
        BrokerSettings stored = new BrokerSettings(
                "broker.lab.example",
                8883,
                true,
                null,
                cert(),
                key(),
                true,
                "bridge",
                "stored-pw",
                "nemo-bridge-",
                30,
                null,
                256,
                "nemo");
        SettingsForm same = form("nemo");
        same.username = "bridge";
        same.clientCertPem = cert();
        same.verifyHostname = "on";
        BrokerSettings kept = same.validate(stored).settings();
        assertEquals("stored-pw", kept.password(), "an empty password field keeps the stored one");
        assertEquals(key(), kept.clientKeyPem(), "an empty key field keeps the stored one");

        SettingsForm moved = form("nemo");
        moved.host = "other.lab.example";
        moved.username = "bridge";
        moved.clientCertPem = cert();
        Map<String, String> errors = moved.validate(stored).errors();
        assertEquals("The broker changed: type the password again (or remove it).", errors.get("password"));
        assertEquals("The broker changed: paste the client key again (or remove it).", errors.get("client_key_pem"));
        SettingsForm otherPort = form("nemo");
        otherPort.port = "1883";
        otherPort.username = "bridge";
        assertTrue(otherPort.validate(stored).errors().containsKey("password"), "another port is another broker");

        SettingsForm cleared = form("nemo");
        cleared.username = "bridge";
        cleared.clearPassword = "on";
        cleared.clearClientKey = "on";
        BrokerSettings without = cleared.validate(stored).settings();
        assertNull(without.password());
        assertNull(without.clientKeyPem());
        assertFalse(cleared.validate(stored).errors().containsKey("client_cert_pem"));
    }

    @Test
    void basedOnIsANumberOrNoCheck() {
        SettingsForm f = form("nemo");
        assertNull(f.basedOnVersion());
        f.basedOn = " 7 ";
        assertEquals(7L, f.basedOnVersion());
        f.basedOn = "seven";
        assertNull(f.basedOnVersion());
    }
}
