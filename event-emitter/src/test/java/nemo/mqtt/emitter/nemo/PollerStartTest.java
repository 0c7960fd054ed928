package nemo.mqtt.emitter.nemo;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The poller's start-up check: enabled without a base URL refuses to start instead of polling nothing. */
class PollerStartTest {

    @Test
    void enabledWithoutABaseUrlRefusesToStart() {
        assertThrows(IllegalStateException.class, () -> NemoPoller.requireBaseUrl(config(true, Optional.empty())));
        assertThrows(IllegalStateException.class, () -> NemoPoller.requireBaseUrl(config(true, Optional.of(" "))));
        assertDoesNotThrow(() -> NemoPoller.requireBaseUrl(config(true, Optional.of("https://nemo.lab.example"))));
        assertDoesNotThrow(() -> NemoPoller.requireBaseUrl(config(false, Optional.empty())));
    }

    private static PollerConfig config(boolean enabled, Optional<String> baseUrl) {
        return new PollerConfig() {
            public boolean enabled() {
                return enabled;
            }

            public Optional<String> baseUrl() {
                return baseUrl;
            }

            public Optional<String> token() {
                return Optional.empty();
            }

            public Duration usageInterval() {
                return Duration.ofSeconds(5);
            }

            public Duration statusInterval() {
                return Duration.ofSeconds(30);
            }

            public Duration lookBack() {
                return Duration.ofMinutes(15);
            }

            public Duration requestTimeout() {
                return Duration.ofSeconds(15);
            }
        };
    }
}
