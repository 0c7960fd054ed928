package nemo.mqtt.emitter.event;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import nemo.mqtt.emitter.EmitterConfig;

/**
 * Optional signing, wire-compatible with the NEMO MQTT plugin family and its display server: the
 * message becomes {@code {"payload": "<payload JSON as a string>", "hmac": "<hex>", "algo": "sha256"}}
 * with hmac = HMAC-SHA256(key as UTF-8, that exact payload string as UTF-8), lower-case hex.
 */
@ApplicationScoped
public class Signer {

    private final Optional<SecretKeySpec> key;
    private final ObjectMapper mapper;

    Signer(EmitterConfig config, ObjectMapper mapper) {
        this.key = config.signing().key().filter(k -> !k.isEmpty())
                .map(k -> new SecretKeySpec(k.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
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
                    .put("payload", payload).put("hmac", hmac).put("algo", "sha256"));
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("cannot sign payload", e);
        }
    }
}
