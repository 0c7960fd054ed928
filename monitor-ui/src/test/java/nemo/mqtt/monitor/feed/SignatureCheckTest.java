package nemo.mqtt.monitor.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import nemo.mqtt.monitor.feed.SignatureCheck.Outcome;

/** The plugin family's envelope, checked against an HMAC computed by openssl, not by the code under test. */
class SignatureCheckTest {

    private static final String PAYLOAD = "{\"event\":\"tool_status\",\"tool_id\":5,\"seq\":3}";
    // printf '%s' "$PAYLOAD" | openssl dgst -sha256 -hmac 'lab-signing-key'
    private static final String HMAC = "7e7f8dd9355160ed20a7c5467e43d6aadc7743e7f9c235721e42c8288950aaad";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String envelope(String payload, String hmac, String algo) throws Exception {
        var json = MAPPER.createObjectNode().put("payload", payload).put("hmac", hmac);
        if (algo != null) {
            json.put("algo", algo);
        }
        return MAPPER.writeValueAsString(json);
    }

    private static SignatureCheck with(String key) {
        return new SignatureCheck(Optional.ofNullable(key), MAPPER);
    }

    @Test
    void withSigningOnOnlyAMatchingEnvelopePasses() throws Exception {
        SignatureCheck check = with("lab-signing-key");
        assertEquals(Outcome.ACCEPTED, check.check(envelope(PAYLOAD, HMAC, "sha256")));
        assertEquals(Outcome.UNSIGNED, check.check(PAYLOAD));
        assertEquals(Outcome.UNSIGNED, check.check("not json"));
        assertEquals(Outcome.UNSIGNED, check.check("{\"payload\":\"{}\"}"));
        assertEquals(
                Outcome.WRONG_SIGNATURE,
                check.check(envelope(PAYLOAD.replace("3}", "999999}"), HMAC, "sha256")),
                "a changed payload with the old hmac");
        assertEquals(Outcome.WRONG_SIGNATURE, check.check(envelope(PAYLOAD, HMAC.substring(2), "sha256")));
        assertEquals(Outcome.WRONG_SIGNATURE, check.check(envelope(PAYLOAD, "zz" + HMAC.substring(2), "sha256")));
        assertEquals(Outcome.WRONG_SIGNATURE, check.check(envelope(PAYLOAD, HMAC, "md5")));
        assertEquals(Outcome.WRONG_SIGNATURE, with("another-key").check(envelope(PAYLOAD, HMAC, "sha256")));
        assertEquals(Outcome.ACCEPTED, check.check(""), "a cleared retained message cannot be signed");
    }

    @Test
    void aKeyReadFromAFileWithItsNewlineStillMatches() throws Exception {
        assertEquals(Outcome.ACCEPTED, with("lab-signing-key\n").check(envelope(PAYLOAD, HMAC, "sha256")));
        assertEquals(Outcome.ACCEPTED, with("  lab-signing-key \r\n").check(envelope(PAYLOAD, HMAC, "sha256")));
    }

    @Test
    void withoutAKeyEverythingIsShown() {
        assertFalse(with(null).signingOn());
        assertFalse(with(" \n").signingOn());
        assertEquals(Outcome.ACCEPTED, with(null).check(PAYLOAD));
    }
}
