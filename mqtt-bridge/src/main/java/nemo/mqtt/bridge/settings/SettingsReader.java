package nemo.mqtt.bridge.settings;

import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import nemo.mqtt.wire.SealedSecret;

/**
 * Turns the announced settings document into settings this bridge can use, or says why it cannot:
 * not JSON, a secret that does not open (no key, another key, not sealed), or a value out of range
 * ({@link BrokerSettings#problem()}). It never throws, and no message holds a secret.
 */
@ApplicationScoped
public class SettingsReader {

    /** The document's version (-1 if unreadable) and either the settings or the problem. */
    public record Outcome(long version, BrokerSettings settings, String problem) {}

    private static final Logger LOG = Logger.getLogger(SettingsReader.class);
    static final String PASSWORD = "password";
    static final String CLIENT_KEY = "client_key_pem";

    private final ObjectMapper mapper;
    private final SealedSecret secrets;
    private final String keyProblem;

    @Inject
    SettingsReader(ObjectMapper mapper, SettingsEncryption encryption) {
        this(mapper, encryption.encryptionKey());
    }

    /** @param base64Key the settings encryption key (base64 of 32 bytes), if this bridge has one */
    public SettingsReader(ObjectMapper mapper, Optional<String> base64Key) {
        this.mapper = mapper;
        SealedSecret opener = null;
        String problem = "this bridge has no settings encryption key (nemo.settings.encryption-key, "
                + "NEMO_SETTINGS_ENCRYPTION_KEY), the one the monitor sealed it with";
        if (base64Key.isPresent() && !base64Key.get().isBlank()) {
            try {
                opener = SealedSecret.withKey(base64Key.get());
                problem = null;
            } catch (IllegalArgumentException badKey) {
                problem = "this bridge's settings encryption key cannot be used: " + badKey.getMessage();
                LOG.warnf("Announced settings with secrets will be refused: %s", problem);
            }
        }
        this.secrets = opener;
        this.keyProblem = problem;
    }

    /** @return the settings {@code json} announces over {@code base}, or why they cannot be used */
    public Outcome read(String json, BrokerSettings base) {
        AnnouncedSettings announced;
        try {
            announced = mapper.readValue(json, AnnouncedSettings.class);
        } catch (JsonMappingException wrongType) {
            String field = wrongType.getPath().stream()
                    .map(JsonMappingException.Reference::getFieldName)
                    .filter(name -> name != null)
                    .collect(Collectors.joining("."));
            long version = versionOf(json);
            return new Outcome(
                    version,
                    null,
                    field.isEmpty() ? "the settings document is not a JSON object" : field + " has the wrong type");
        } catch (Exception notJson) {
            return new Outcome(-1, null, "the settings document is not valid JSON");
        }
        try {
            announced = announced.withSecrets(
                    open(PASSWORD, announced.password()), open(CLIENT_KEY, announced.clientKeyPem()));
        } catch (IllegalArgumentException unopened) {
            return new Outcome(announced.version(), null, unopened.getMessage());
        }
        BrokerSettings settings = announced.over(base);
        Optional<String> problem = settings.problem();
        return problem.isPresent()
                ? new Outcome(settings.version(), null, problem.get())
                : new Outcome(settings.version(), settings, null);
    }

    /** The plain value of a sealed field; empty or absent stays as it is. */
    private String open(String field, String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (!value.startsWith(SealedSecret.VERSION)) {
            throw new IllegalArgumentException(field + " is not a sealed secret (" + SealedSecret.VERSION
                    + "...): the monitor seals it with the settings encryption key");
        }
        if (secrets == null) {
            throw new IllegalArgumentException(field + " cannot be opened: " + keyProblem);
        }
        return secrets.open(field, value);
    }

    /** The version of a document that is JSON but not a valid settings document, or -1. */
    private long versionOf(String json) {
        try {
            return mapper.readTree(json).path("version").asLong(-1);
        } catch (Exception e) {
            return -1;
        }
    }
}
