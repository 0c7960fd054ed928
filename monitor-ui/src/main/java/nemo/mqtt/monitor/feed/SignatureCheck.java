package nemo.mqtt.monitor.feed;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import nemo.mqtt.monitor.MonitorConfig;

/**
 * Decides whether a message from the broker may be shown. Without a signing key, every message
 * may. With one ({@link MonitorConfig#signingKey()}), only the NEMO MQTT plugin family's signed
 * envelope {@code {"payload": "<json string>", "hmac": "<hex>", "algo": "sha256"}} whose hmac is
 * HMAC-SHA256(key as UTF-8, the payload string as UTF-8) (docs/DESIGN.md, wire contract), compared
 * in constant time. An empty message is let through even then: it cannot be signed, and it only
 * says that the broker dropped the topic's retained message, which every subscriber sees too.
 */
@ApplicationScoped
public class SignatureCheck {

    /** What the check found; {@code tag} names it in the rejection metric. */
    public enum Outcome {
        ACCEPTED("accepted"),
        UNSIGNED("unsigned"),
        WRONG_SIGNATURE("wrong_signature");

        public final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }
    }

    private static final Logger LOG = Logger.getLogger(SignatureCheck.class);
    private static final String ALGORITHM = "HmacSHA256";

    private final Optional<SecretKeySpec> key;
    private final ObjectMapper mapper;

    @Inject
    SignatureCheck(MonitorConfig config, ObjectMapper mapper) {
        this(config.signingKey(), mapper);
    }

    /** {@code signingKey} as configured (trimmed here); empty or blank: signing off. */
    SignatureCheck(Optional<String> signingKey, ObjectMapper mapper) {
        this.mapper = mapper;
        Optional<String> configured = signingKey.filter(k -> !k.isBlank());
        configured
                .filter(k -> !k.equals(k.strip()))
                .ifPresent(
                        k -> LOG.warn(
                                "nemo.monitor.signing-key has white space around it (a trailing newline from a file?): it was trimmed"));
        this.key = configured.map(k -> new SecretKeySpec(k.strip().getBytes(StandardCharsets.UTF_8), ALGORITHM));
        LOG.infof(
                key.isPresent()
                        ? "Message signing on: unsigned or wrongly signed messages are ignored"
                        : "Message signing off: every message from the broker is shown");
    }

    public boolean signingOn() {
        return key.isPresent();
    }

    /** @return whether {@code raw} (the message as received, UTF-8 decoded) may be shown, and if not why. */
    public Outcome check(String raw) {
        if (key.isEmpty() || raw.isEmpty()) {
            return Outcome.ACCEPTED;
        }
        JsonNode envelope;
        try {
            envelope = mapper.readTree(raw);
        } catch (Exception notJson) {
            return Outcome.UNSIGNED;
        }
        if (envelope == null
                || !envelope.path("payload").isTextual()
                || !envelope.path("hmac").isTextual()) {
            return Outcome.UNSIGNED;
        }
        JsonNode algo = envelope.get("algo");
        if (algo != null && !"sha256".equals(algo.asText())) {
            return Outcome.WRONG_SIGNATURE;
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(envelope.get("hmac").asText());
        } catch (IllegalArgumentException notHex) {
            return Outcome.WRONG_SIGNATURE;
        }
        byte[] expected = hmac(envelope.get("payload").asText());
        return MessageDigest.isEqual(expected, claimed) ? Outcome.ACCEPTED : Outcome.WRONG_SIGNATURE;
    }

    private byte[] hmac(String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key.orElseThrow());
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
