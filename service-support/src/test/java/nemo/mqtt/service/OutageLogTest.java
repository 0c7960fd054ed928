package nemo.mqtt.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One WARN when a run of failures starts, one INFO when it ends, every failure counted: without a server. */
class OutageLogTest {

    private static final String LOGGER = "nemo.test.OutageLogTest";

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                records.add(record);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void listen() {
        java.util.logging.Logger.getLogger(LOGGER).addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        java.util.logging.Logger.getLogger(LOGGER).removeHandler(capture);
    }

    private List<String> lines() {
        return records.stream().map(r -> r.getLevel() + " " + formatted(r)).toList();
    }

    private static String formatted(LogRecord record) {
        return record.getParameters() == null
                ? record.getMessage()
                : String.format(record.getMessage(), record.getParameters());
    }

    @Test
    void aLoopsOutageIsLoggedOnceAtWarnWithTheReasonAndOnceAtInfoWhenItEnds() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OutageLog outage = OutageLog.forLoop(Logger.getLogger(LOGGER), "heartbeat", "Writing the heartbeat", registry);
        outage.recovered();
        assertEquals(List.of(), lines(), "no outage, nothing to say");
        for (int i = 0; i < 5; i++) {
            outage.failed(new IOException("write failed", new ConnectException("Connection refused")));
        }
        assertTrue(outage.down());
        assertEquals(
                List.of("WARN Writing the heartbeat failing, retrying: ConnectException: Connection refused"), lines());
        outage.recovered();
        outage.recovered();
        assertFalse(outage.down());
        assertEquals(
                List.of(
                        "WARN Writing the heartbeat failing, retrying: ConnectException: Connection refused",
                        "INFO Writing the heartbeat working again"),
                lines());
        outage.failed(new IllegalStateException());
        assertEquals(
                "WARN Writing the heartbeat failing, retrying: IllegalStateException",
                lines().get(2),
                "a new outage is a new WARN");
        assertEquals(
                6.0,
                registry.get(OutageLog.FAILURES)
                        .tag("loop", "heartbeat")
                        .counter()
                        .count(),
                "every failed run counted, not only the first of an outage");
    }

    @Test
    void loopsShareOneMetricTaggedByLoop() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OutageLog acksA = OutageLog.forLoop(Logger.getLogger(LOGGER), "acks", "XACK on a", registry);
        OutageLog acksB = OutageLog.forLoop(Logger.getLogger(LOGGER), "acks", "XACK on b", registry);
        OutageLog watcher =
                OutageLog.forLoop(Logger.getLogger(LOGGER), "settings-watcher", "Reading settings", registry);
        acksA.failed(new IOException("down"));
        acksB.failed(new IOException("down"));
        acksB.recovered();
        assertTrue(acksA.down(), "each keeps its own outage");
        assertEquals(
                2.0,
                registry.get(OutageLog.FAILURES).tag("loop", "acks").counter().count());
        assertEquals(
                0.0,
                registry.get(OutageLog.FAILURES)
                        .tag("loop", "settings-watcher")
                        .counter()
                        .count());
        watcher.recovered();
    }

    @Test
    void aDependencysOutageKeepsItsWords() {
        OutageLog outage = new OutageLog(Logger.getLogger(LOGGER), "MQTT broker");
        outage.failed(new ConnectException("Connection refused"));
        outage.failed(new ConnectException("Connection refused"));
        outage.recovered();
        assertEquals(
                List.of(
                        "WARN MQTT broker unavailable, retrying with backoff: ConnectException: Connection refused",
                        "INFO MQTT broker available again"),
                lines());
    }
}
