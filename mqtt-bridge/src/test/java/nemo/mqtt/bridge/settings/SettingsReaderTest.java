package nemo.mqtt.bridge.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import nemo.mqtt.service.mqtt.PemSource;
import nemo.mqtt.wire.SealedSecret;

/** Announced settings this bridge cannot use are named as a problem, before any connection is tried. */
class SettingsReaderTest {

    private static final String KEY = newKey();
    private static final SealedSecret SEALER = SealedSecret.withKey(KEY);
    private static final BrokerSettings BASE = TestBrokerSettings.on(18883)
            .version(0)
            .tls(
                    new PemSource(Optional.empty(), Optional.of("ca.pem")),
                    new PemSource(Optional.empty(), Optional.of("bridge.pem")),
                    new PemSource(Optional.empty(), Optional.of("bridge.key")))
            .build();

    private final SettingsReader reader = new SettingsReader(new ObjectMapper(), Optional.of(KEY));

    @Test
    void everyUnusableFieldIsAProblemNamingIt() {
        assertProblem(doc().put("keep_alive_seconds", 0), "keep_alive_seconds");
        assertProblem(doc().put("keep_alive_seconds", -5), "keep_alive_seconds");
        assertProblem(doc().put("port", 0), "port");
        assertProblem(doc().put("port", 70000), "port");
        assertProblem(doc().put("host", " "), "host");
        assertProblem(doc().put("in_flight_window", 0), "in_flight_window");
        assertProblem(doc().put("qos", 2), "qos");
        assertProblem(doc().put("topic_prefix", "nemo/#"), "topic_prefix");
        assertProblem(doc().put("topic_prefix", "$SYS"), "topic_prefix");
        assertProblem(doc().put("topic_prefix", ""), "topic_prefix");
        assertProblem(doc().put("topic_prefix", "lab//nemo"), "topic_prefix");
        assertProblem(
                doc().put("client_cert_pem", "-----BEGIN CERTIFICATE-----").put("client_key_pem", ""),
                "client_cert_pem and client_key_pem");
        assertProblem(doc().put("port", "eighty"), "port");
        assertProblem(doc().put("password", SEALER.seal("password", "hunter2")), "password needs a username");
        assertEquals(
                "the settings document is not valid JSON",
                reader.read("{not json", BASE).problem());
        assertEquals(-1, reader.read("{not json", BASE).version());
    }

    @Test
    void usableSettingsHaveNoProblemAndKeepTheVersion() {
        SettingsReader.Outcome outcome = reader.read(
                doc().put("keep_alive_seconds", 30)
                        .put("topic_prefix", "lab1/nemo")
                        .put("qos", 0)
                        .encode(),
                BASE);
        assertNull(outcome.problem());
        assertEquals(7, outcome.version());
        assertEquals(30, outcome.settings().keepAliveSeconds());
        assertEquals("lab1/nemo", outcome.settings().topicPrefix());
        assertEquals(Optional.of(0), outcome.settings().qos());
    }

    @Test
    void sealedSecretsAreOpenedWithTheSettingsKey() {
        SettingsReader.Outcome outcome = reader.read(
                doc().put("username", "u")
                        .put("password", SEALER.seal("password", "hunter2"))
                        .put("client_key_pem", SEALER.seal("client_key_pem", "-----BEGIN PRIVATE KEY-----x"))
                        .encode(),
                BASE);
        assertNull(outcome.problem());
        assertEquals(Optional.of("hunter2"), outcome.settings().password());
        assertEquals(
                Optional.of("-----BEGIN PRIVATE KEY-----x"),
                outcome.settings().clientKey().value());
        assertFalse(outcome.settings().toString().contains("hunter2"));

        SettingsReader.Outcome none = reader.read(
                doc().put("password", "")
                        .put("client_key_pem", "")
                        .put("client_cert_pem", "")
                        .encode(),
                BASE);
        assertNull(none.problem());
        assertTrue(none.settings().password().isEmpty(), "empty means none");
        assertFalse(none.settings().clientKey().isPresent(), "empty means none, not the configured file");
    }

    @Test
    void secretsThatDoNotOpenAreProblemsThatNeverShowTheSecret() {
        String otherKey = newKey();
        String sealedElsewhere = SealedSecret.withKey(otherKey).seal("password", "hunter2");
        assertProblem(doc().put("username", "u").put("password", sealedElsewhere), "password cannot be decrypted");
        assertProblem(doc().put("username", "u").put("password", "hunter2"), "password is not a sealed secret");
        assertProblem(doc().put("client_key_pem", SEALER.seal("password", "k")), "client_key_pem cannot be decrypted");

        SettingsReader keyless = new SettingsReader(new ObjectMapper(), Optional.empty());
        String problem = keyless.read(
                        doc().put("password", SEALER.seal("password", "hunter2"))
                                .encode(),
                        BASE)
                .problem();
        assertTrue(problem.contains("NEMO_SETTINGS_ENCRYPTION_KEY"), problem);

        SettingsReader badKey = new SettingsReader(new ObjectMapper(), Optional.of("c2hvcnQ="));
        problem = badKey.read(
                        doc().put("password", SEALER.seal("password", "hunter2"))
                                .encode(),
                        BASE)
                .problem();
        assertTrue(problem.contains("32 bytes"), problem);
        assertNull(keyless.read(doc().put("password", "").encode(), BASE).problem(), "no secret, no key needed");
    }

    private void assertProblem(JsonObject document, String expected) {
        SettingsReader.Outcome outcome = reader.read(document.encode(), BASE);
        assertNotNull(outcome.problem(), "refused: " + document);
        assertTrue(outcome.problem().contains(expected), outcome.problem());
        assertNull(outcome.settings());
        assertEquals(7, outcome.version());
        assertFalse(outcome.problem().contains("hunter2"));
    }

    private static JsonObject doc() {
        return new JsonObject().put("version", 7).put("port", 18883);
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
