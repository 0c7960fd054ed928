package nemo.mqtt.emitter.event;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import org.jboss.logging.Logger;

import nemo.mqtt.emitter.EmitterConfig;

/**
 * Optional signing, wire-compatible with the NEMO MQTT plugin family and its display server: the
 * message becomes {@code {"payload": "<payload JSON as a string>", "hmac": "<hex>", "algo": "sha256"}}
 * with hmac = HMAC-SHA256(key as UTF-8, that exact payload string as UTF-8), lower-case hex. The key
 * is stripped of surrounding whitespace (a Secret file's trailing newline would otherwise sign
 * with it, and no subscriber would agree).
 */
@Startup
@ApplicationScoped
public class Signer {

    private static final Logger LOG = Logger.getLogger(Signer.class);

    private final Optional<SecretKeySpec> key;
    private final ObjectMapper mapper;

    @Inject
    Signer(EmitterConfig config, ObjectMapper mapper) {
        this(config.signing().key(), mapper);
    }

    /** Signs with {@code configured} stripped; no signing when it is absent or blank. */
    Signer(Optional<String> configured, ObjectMapper mapper) {
        Optional<String> stripped = configured.map(String::strip).filter(k -> !k.isEmpty());
        if (stripped.isPresent() && !stripped.get().equals(configured.get())) {
            // said once, at start, without the key
            LOG.warn("The signing key (nemo.emitter.signing.key) had leading or trailing whitespace; it was stripped");
        }
        this.key = stripped.map(k -> new SecretKeySpec(k.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        this.mapper = mapper;
    }

    public String sign(String payload) {
        if (key.isEmpty()) {
            return payload;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key.get());
            String hmac = HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
            return mapper.writeValueAsString(mapper.createObjectNode()
                    .put("payload", payload)
                    .put("hmac", hmac)
                    .put("algo", "sha256"));
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("cannot sign payload", e);
        }
    }
}
