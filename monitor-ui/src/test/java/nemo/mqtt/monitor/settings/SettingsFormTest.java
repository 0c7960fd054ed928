package nemo.mqtt.monitor.settings;

import static nemo.mqtt.monitor.settings.FormSamples.error;
import static nemo.mqtt.monitor.settings.FormSamples.errors;
import static nemo.mqtt.monitor.settings.FormSamples.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The form's rules, without a server: plain values in, field errors out (secrets and certificates: {@link SettingsFormSecretsTest}). */
class SettingsFormTest {

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
        assertEquals("Enter the broker's host name or IP address.", error("host", f -> f.host = " "));
        assertEquals(
                "A host name has only letters, digits, dots and dashes (or an IP address).",
                error("host", f -> f.host = "broker lab/x"));
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
        assertEquals(
                "Up to 64 letters, digits, dots, dashes or underscores.",
                error("client_id_prefix", f -> f.clientIdPrefix = "nemo bridge"));
        assertTrue(error("client_id_prefix", f -> f.clientIdPrefix = "x".repeat(65)) != null);
        SettingsForm empty = form("nemo");
        empty.clientIdPrefix = "";
        assertTrue(empty.validate(null).valid(), "an empty prefix is allowed");
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
