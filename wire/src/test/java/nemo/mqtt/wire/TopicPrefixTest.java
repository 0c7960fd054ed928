package nemo.mqtt.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicPrefixTest {

    @ParameterizedTest
    @ValueSource(strings = {"nemo", "lab1/nemo", "Lab-1_ü", "a/b/c/d"})
    void usablePrefixes(String prefix) {
        assertTrue(TopicPrefix.problem(prefix).isEmpty(), prefix);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "$SYS",
                "$fz",
                "nemo/#",
                "nemo/+/x",
                "+",
                "/nemo",
                "nemo/",
                "a//b",
                "ne\u0000mo",
                "01234567890123456789012345678901234567890123456789012345678901234"
            })
    void refusedPrefixes(String prefix) {
        assertTrue(TopicPrefix.problem(prefix).isPresent(), prefix);
    }
}
