package nemo.mqtt.monitor.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        withSecrets.clientCertPem = java.nio.file.Files.readString(nemo.mqtt.testing.DevCerts.shared().cert("bridge"));
        withSecrets.clientKeyPem = java.nio.file.Files.readString(nemo.mqtt.testing.DevCerts.shared().key("bridge"));
        SettingsForm.Validated refused = withSecrets.validate(null, false);
        assertTrue(refused.errors().get("password").contains("NEMO_SETTINGS_ENCRYPTION_KEY"), refused.errors().toString());
        assertTrue(refused.errors().get("client_key_pem").contains("NEMO_SETTINGS_ENCRYPTION_KEY"));
        assertTrue(withSecrets.validate(null, true).valid(), "with a key they are stored (sealed)");
        assertTrue(withSecrets.validate(null).valid(), "a connection test stores nothing");
        assertTrue(form("nemo").validate(null, false).valid(), "settings without secrets still save");
    }

    @Test
    void theTopicPrefixFollowsTheOneWireRule() {
        // $ topics are the broker's own: wildcard subscribers (displays on nemo/#... or #) never see them
        for (String refused : new String[] { "$fz", "$SYS", "$SYS/nemo", "nemo/+", "lab/#", "/nemo", "nemo/", "a//b",
                "x".repeat(65) }) {
            SettingsForm.Validated validated = form(refused).validate(null);
            assertTrue(validated.errors().containsKey("topic_prefix"), refused);
            assertEquals(nemo.mqtt.wire.TopicPrefix.problem(refused).orElseThrow(),
                    validated.errors().get("topic_prefix"), "the wire module's words, for " + refused);
        }
        assertEquals("A topic prefix is required.", form("  ").validate(null).errors().get("topic_prefix"));
        for (String accepted : new String[] { "nemo", "lab1/nemo", "fz$", "x".repeat(64) }) {
            assertTrue(form(accepted).validate(null).valid(), accepted);
        }
    }

    @Test
    void aKeepAliveTheBridgesCannotUseIsRefused() {
        for (String refused : new String[] { "0", "-1", "65536", "thirty" }) {
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
        String ca = java.nio.file.Files.readString(nemo.mqtt.testing.DevCerts.shared().ca());
        BrokerSettings stored = new BrokerSettings("broker.lab.example", 8883, true, ca, null, null, true, "bridge-user",
                "s3cret", "nemo-bridge-", 30, null, 256, "nemo");
        SettingsForm same = form("nemo");
        same.username = "bridge-user";
        same.caPem = ca.replace("\n", "\r\n") + "\n";
        same.verifyHostname = "on";
        assertTrue(same.validate(stored).valid(), "the same broker, CA and checks keep the stored password");

        SettingsForm otherCa = form("nemo");
        otherCa.username = "bridge-user";
        otherCa.verifyHostname = "on";
        assertTrue(otherCa.validate(stored).errors().get("password").startsWith("The broker changed"),
                "another (here: no) CA could let another server stand in for the broker");

        SettingsForm anyHost = form("nemo");
        anyHost.username = "bridge-user";
        anyHost.caPem = ca;
        assertTrue(anyHost.validate(stored).errors().get("password").startsWith("The broker changed"),
                "without host name checks any certificate of the CA could stand in for the broker");
    }
}
