package nemo.mqtt.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    /** A stack takes six ports at once; the kernel alone has handed the same one out twice in a row. */
    @Test
    void neverHandsOutAPortTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            int port = FreePorts.next();
            assertTrue(ports.add(port), "port " + port + " handed out twice");
        }
        assertEquals(2000, ports.size());
    }
}
