package nemo.mqtt.emitter.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SignerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aKeyIsStrippedOfTheNewlineASecretFileLeavesOnIt() {
        String payload = "{\"event\":\"tool_status\"}";
        String plain = new Signer(Optional.of("k3y"), JSON).sign(payload);
        assertEquals(plain, new Signer(Optional.of("k3y\n"), JSON).sign(payload));
        assertEquals(plain, new Signer(Optional.of(" k3y\r\n"), JSON).sign(payload));
        assertNotEquals(plain, new Signer(Optional.of("k3y2"), JSON).sign(payload));
    }

    @Test
    void aBlankKeySignsNothing() {
        assertEquals("{}", new Signer(Optional.of(" \n"), JSON).sign("{}"));
        assertEquals("{}", new Signer(Optional.empty(), JSON).sign("{}"));
    }
}
