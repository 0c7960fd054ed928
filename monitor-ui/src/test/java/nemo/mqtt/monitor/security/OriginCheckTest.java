package nemo.mqtt.monitor.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class OriginCheckTest {

    private final OriginCheck check = new OriginCheck(List.of("https://Monitor.Example.org:443", "garbage"));

    @Test
    void theAddressedOriginAndTheConfiguredOnesAreAllowed() {
        assertTrue(check.allows("http://localhost:8080", null, "http://localhost:8080"));
        assertTrue(check.allows("HTTPS://lab.example:443", null, "https://lab.example"));
        assertTrue(check.allows(null, "http://localhost:8080/settings?x=1", "http://localhost:8080"));
        assertTrue(check.allows("https://monitor.example.org", null, "http://10.0.0.5:8080"));
    }

    @Test
    void anythingElseIsRefused() {
        assertFalse(check.allows("http://evil.example", null, "http://localhost:8080"));
        assertFalse(check.allows("http://localhost:8081", null, "http://localhost:8080"), "another port");
        assertFalse(check.allows("https://localhost:8080", null, "http://localhost:8080"), "another scheme");
        assertFalse(check.allows("null", null, "http://localhost:8080"), "sandboxed frames send null");
        assertFalse(check.allows(null, null, "http://localhost:8080"), "neither header");
        assertFalse(
                check.allows("http://evil.example", "http://localhost:8080/", "http://localhost:8080"),
                "Origin wins over Referer");
        assertFalse(check.allows(null, "http://localhost:8080.evil.example/", "http://localhost:8080"));
        assertFalse(check.allows("not a url", null, "http://localhost:8080"));
        assertFalse(check.allows("http://localhost:8080", null, "http://exa mple"), "an unparsable host");
    }
}
