package nemo.mqtt.monitor;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The monitor with message signing on; the key as a Secret mounted from a file has it, newline and all. */
public class SigningOn implements QuarkusTestProfile {

    public static final String KEY = "test-signing-key-for-the-monitor";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("nemo.monitor.signing-key", KEY + "\n");
    }
}
