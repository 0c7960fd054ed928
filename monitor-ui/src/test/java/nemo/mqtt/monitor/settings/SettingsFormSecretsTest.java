package nemo.mqtt.monitor.settings;

import static nemo.mqtt.monitor.settings.FormSamples.cert;
import static nemo.mqtt.monitor.settings.FormSamples.error;
import static nemo.mqtt.monitor.settings.FormSamples.errors;
import static nemo.mqtt.monitor.settings.FormSamples.form;
import static nemo.mqtt.monitor.settings.FormSamples.key;
import static nemo.mqtt.monitor.settings.FormSamples.stored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The form's rules for secrets and certificates: what is kept, for which broker, and what is refused. */
class SettingsFormSecretsTest {

    @Test
    void withoutAnEncryptionKeyAPasswordOrClientKeyIsRefusedNamingTheVariable() throws Exception {
        SettingsForm withSecrets = form("nemo");
        withSecrets.username = "bridge-user";
        withSecrets.password = "s3cret";
        withSecrets.clientCertPem = cert();
        withSecrets.clientKeyPem = key();
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
    void aStoredPasswordGoesOnlyToTheBrokerItWasTypedFor() throws Exception {
        String ca = java.nio.file.Files.readString(
                nemo.mqtt.testing.DevCerts.shared().ca());
        BrokerSettings stored = stored(ca, null, null, "bridge-user", "s3cret");
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

    @Test
    void storedSecretsStayForTheSameBrokerOnlyAndTheClearBoxesRemoveThem() throws Exception {
        BrokerSettings stored = stored(null, cert(), key(), "bridge", "stored-pw");
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
        String cert = cert();
        String key = key();
        String together = "Give the client certificate and its key together, or neither.";
        assertEquals(together, error("client_key_pem", f -> f.clientCertPem = cert));
        assertEquals(together, error("client_cert_pem", f -> f.clientKeyPem = key));
        SettingsForm both = form("nemo");
        both.clientCertPem = cert();
        both.clientKeyPem = key();
        assertTrue(both.validate(null).valid());
    }

    @Test
    void aPasswordNeedsAUserName() {
        assertEquals(
                "MQTT sends a password only with a user name: enter one, or remove the password.",
                error("username", f -> f.password = "pw"));
    }
}
