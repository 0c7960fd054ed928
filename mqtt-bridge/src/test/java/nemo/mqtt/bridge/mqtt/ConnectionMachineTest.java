package nemo.mqtt.bridge.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nemo.mqtt.bridge.Backoff;
import nemo.mqtt.bridge.settings.BrokerSettings;
import nemo.mqtt.bridge.settings.TestBrokerSettings;
import nemo.mqtt.service.mqtt.PemSource;
import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.FreePorts;
import nemo.mqtt.testing.ServiceProcess;

/**
 * The connection state machine against a real Mosquitto of its own, without Quarkus: a refused
 * trial keeps the connection, settings the client refuses never wedge later versions, a lost
 * connection reconnects after the backoff, and stopping throws an attempt under way away.
 */
class ConnectionMachineTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static DevCerts certs;
    private static ServiceProcess broker;

    private final Vertx vertx = Vertx.vertx();
    private final List<String> effects = new CopyOnWriteArrayList<>();
    private ConnectionMachine machine;
    private CurrentSession current;

    @BeforeAll
    static void startBroker() {
        // Mutiny looks its context propagation up once per JVM, and two threads doing it at once (this one and
        // the event loop) can collide ("ContextManagerProvider already set") outside Quarkus: look it up here first
        Uni.createFrom().emitter(emitter -> emitter.complete(1)).await().indefinitely();
        certs = DevCerts.shared();
        broker = ServiceProcess.mosquitto(certs.dir());
    }

    @AfterAll
    static void stopBroker() {
        broker.stop();
    }

    @AfterEach
    void close() throws Exception {
        BrokerSession last = machine == null ? null : machine.stop().await().atMost(WAIT);
        if (last != null) {
            ConnectAttempt.disconnect(last.client())
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void acceptedSettingsReplaceTheConnectionAndRefusedOnesKeepIt() {
        start(settings(1, broker.port(), 30));
        long first = connected();

        assertFalse(machine.apply(settings(2, FreePorts.next(), 30)).await().atMost(WAIT));
        assertEquals(ConnectionMachine.Phase.CONNECTED, machine.phase());
        assertEquals(first, connected(), "the refused trial left the connection alone");
        assertEquals(1, machine.settings().version());
        assertTrue(effects.contains("refused 2"), effects.toString());

        assertTrue(machine.apply(settings(3, broker.port(), 20)).await().atMost(WAIT));
        assertEquals(3, machine.settings().version());
        await().atMost(WAIT).until(() -> current.isOpen() && current.get().generation() > first);
        assertTrue(effects.contains("adopted 3 trial"), effects.toString());
        assertFalse(
                effects.stream().anyMatch(effect -> effect.startsWith("lost")),
                "the replaced connection reconnects no more: " + effects);
    }

    /** Issue 14: a keep-alive of 0 made the client throw, the trial never ended, and no later version applied. */
    @Test
    void settingsTheClientRefusesDoNotWedgeTheNextVersion() {
        start(settings(1, broker.port(), 30));
        connected();

        assertFalse(machine.apply(settings(2, broker.port(), 0)).await().atMost(WAIT));
        assertTrue(machine.apply(settings(3, broker.port(), 30)).await().atMost(WAIT));
        assertEquals(3, machine.settings().version());
    }

    @Test
    void aLostConnectionReconnectsAfterTheBackoff() {
        try (ServiceProcess own = ServiceProcess.mosquitto(certs.dir())) {
            start(settings(1, own.port(), 30));
            long first = connected();
            own.kill();
            await().atMost(WAIT).until(() -> effects.contains("lost " + first));
            assertFalse(current.isOpen());
            own.start();
            long second = connected();
            assertTrue(second > first);
            assertEquals(ConnectionMachine.Phase.CONNECTED, machine.phase());
        }
    }

    @Test
    void stoppingThrowsAnAttemptUnderWayAwayAndAnswersWaitingTrials() throws Exception {
        try (MuteBroker silent = MuteBroker.silent()) {
            start(settings(1, silent.port(), 30)); // connects at TCP level, never gets a CONNACK
            await().atMost(WAIT).until(() -> machine.phase() == ConnectionMachine.Phase.CONNECTING);
            Uni<Boolean> waiting =
                    machine.apply(settings(2, broker.port(), 30)).memoize().indefinitely();
            waiting.subscribe().with(ignored -> {});

            assertNull(machine.stop().await().atMost(WAIT));
            assertFalse(waiting.await().atMost(WAIT), "a trial waiting for the attempt is answered when stopping");
            assertEquals(ConnectionMachine.Phase.STOPPED, machine.phase());
            assertEquals(1, machine.settings().version());
        }
    }

    private void start(BrokerSettings initial) {
        Context context = vertx.getOrCreateContext();
        current = new CurrentSession("nemo");
        ConnectAttempt connector = new ConnectAttempt(vertx, context, "machine-test", 10_000);
        machine =
                new ConnectionMachine(vertx, context, connector, new FixedBackoff(), current, initial, new Recorder());
        machine.start();
    }

    /** The generation of the open connection, once there is one; on a timeout, what happened instead. */
    private long connected() {
        try {
            return current.connected().await().atMost(WAIT);
        } catch (io.smallrye.mutiny.TimeoutException timeout) {
            throw new AssertionError("no connection in " + WAIT + " (" + machine.phase() + "): " + effects, timeout);
        }
    }

    private BrokerSettings settings(long version, int port, int keepAlive) {
        return TestBrokerSettings.on(port)
                .version(version)
                .keepAlive(keepAlive)
                .tls(
                        PemSource.file(certs.ca().toString()),
                        PemSource.file(certs.cert("bridge").toString()),
                        PemSource.file(certs.key("bridge").toString()))
                .build();
    }

    /** 50 ms every time: the policy is the machine's to be given. */
    private static final class FixedBackoff implements Backoff {
        @Override
        public Duration next() {
            return Duration.ofMillis(50);
        }

        @Override
        public void reset() {
            // nothing grows
        }
    }

    private final class Recorder implements ConnectionEffects {
        @Override
        public void adopted(BrokerSession opened, boolean sessionPresent, BrokerSettings before, boolean trial) {
            effects.add("adopted " + opened.settings().version() + (trial ? " trial" : ""));
        }

        @Override
        public void unreachable(Throwable failure) {
            effects.add("unreachable " + failure);
        }

        @Override
        public void lost(BrokerSession lost) {
            effects.add("lost " + lost.generation());
        }

        @Override
        public void refused(BrokerSettings refused, Throwable failure) {
            effects.add("refused " + refused.version());
        }
    }
}
