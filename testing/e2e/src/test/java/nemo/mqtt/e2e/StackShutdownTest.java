package nemo.mqtt.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.FreePorts;
import nemo.mqtt.testing.LocalStack;

/** Ctrl-C stops the whole local stack, every port released; after the other {@code Stack*Test} classes. */
@Order(6)
@OnSharedStack
class StackShutdownTest {

    @Test
    void ctrlCStopsTheWholeStack(LocalStack stack) throws Exception {
        stack.interrupt();
        assertTrue(stack.waitForExit(Duration.ofSeconds(90)), "run.sh should exit after Ctrl-C");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(
                        List.of(),
                        stack.ports().stream().filter(FreePorts::isListening).toList()));
    }
}
