package nemo.mqtt.monitor.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReturnPathTest {

    @Test
    void anyPlainPathSurvivesTheCookie() {
        for (String path : new String[] {"/", "/;x=1", "/settings;x=1", "/?q=a,b", "/a\"b\\c", "/?q=%0D%0A"}) {
            String value = ReturnPath.encode(path);
            assertTrue(value.matches("[A-Za-z0-9_-]+"), "a cookie-safe value for " + path);
            assertEquals(path, ReturnPath.decode(value));
        }
    }

    @Test
    void nothingLeadsOffTheSite() {
        for (String path : new String[] {
            "//evil.example/",
            "/\\evil.example",
            "http://evil.example/",
            "evil",
            "/x y",
            "/caf\u00e9",
            "/a\r\nSet-Cookie: x",
            "/" + "a".repeat(2000),
            ""
        }) {
            assertNull(ReturnPath.encode(path), path);
        }
        assertNull(ReturnPath.decode("Ly9ldmlsLmV4YW1wbGUv"), "a forged //evil.example/");
        assertNull(ReturnPath.decode("%%%"));
        assertNull(ReturnPath.decode("http://evil.example/"));
        assertNull(ReturnPath.decode(null));
    }
}
