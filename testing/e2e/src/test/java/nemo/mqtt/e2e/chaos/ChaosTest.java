package nemo.mqtt.e2e.chaos;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import io.vertx.core.json.JsonObject;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.JavaService;
import nemo.mqtt.testing.TestMqttClient;

/**
 * Chaos against the real stack: during a steady stream of POSTs, SIGKILL the broker, Redis, the
 * emitter and one of two bridge replicas at random moments, restart each after a random pause, and
 * then require what a display relies on: every event answered 202 arrives, each tool's events arrive
 * in seq order (after de-duplication by event_id), and each tool's retained status is its last event.
 *
 * <p>CI runs one round (each fault once). Longer: {@code -Dchaos.duration=10m} (or deploy/bench/chaos.sh).
 * Replay a run with {@code -Dchaos.seed=<the printed seed>}; {@code -Dchaos.rate} and {@code -Dchaos.tools}
 * change the stream (default 40 events/s over 20 tools).
 */
class ChaosTest {

    @Test
    void nothingAcceptedIsLostOrReorderedWhileEveryPartIsKilledAndRestarted() throws Exception {
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        Duration duration = duration(System.getProperty("chaos.duration", "20s"));
        int tools = Integer.getInteger("chaos.tools", 20);
        int rate = Integer.getInteger("chaos.rate", 40);
        System.out.printf(
                Locale.ROOT,
                "[chaos] seed %d (replay with -Dchaos.seed=%d), duration %s, %d events/s over %d tools%n",
                seed,
                seed,
                duration,
                rate,
                tools);
        Random random = new Random(seed);

        try (ChaosStack stack = new ChaosStack().start();
                DurableSubscriber display = new DurableSubscriber(stack.certs, stack.broker.port()).connect()) {
            awaitSessionSaved(stack);
            long start = System.nanoTime();
            SteadyLoad load = new SteadyLoad(stack.emitterPort(), stack.apiToken, tools, rate).start();
            await("the first event reaches the display")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> !display.firstArrival.isEmpty());

            List<ChaosStack.Victim> v = stack.victims();
            List<List<ChaosStack.Victim>> kinds =
                    List.of(List.of(v.get(0)), List.of(v.get(1)), List.of(v.get(2)), List.of(v.get(3), v.get(4)));
            List<ChaosMonkey.Fault> faults = new ChaosMonkey(random, kinds, start).run(duration);
            load.finish(Duration.ofSeconds(60));

            ChaosReport report = new ChaosReport(load, display, faults, start);
            try {
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> report.lost().isEmpty());
            } catch (ConditionTimeoutException e) {
                // reported below, with the ids
            }
            System.out.print(report.summary());

            String replay = " (seed " + seed + "; logs in " + stack.logs + ")";
            assertTrue(load.refusals.isEmpty(), "the emitter refused events: " + load.refusals + replay);
            List<String> lost = report.lost();
            assertTrue(
                    lost.isEmpty(),
                    lost.size() + " accepted events never reached the display: "
                            + lost.subList(0, Math.min(50, lost.size())) + replay + stack.tails());
            List<String> breaks = report.orderBreaks();
            assertTrue(breaks.isEmpty(), "per-tool order broken: " + breaks + replay);
            assertRetainedStatusIsLastEvent(stack, report.lastEventPerTool(), replay);
            for (JavaService bridge : stack.bridges) {
                bridge.awaitReady(Duration.ofSeconds(30)); // no manual step: every part is healthy again on its own
            }
        }
    }

    /**
     * Waits until the broker has written its state to disk (every {@code autosave_interval}, 5 s) since
     * the display subscribed. A broker SIGKILLed before that comes back without the display's
     * persistent session, and drops what the bridge publishes before the display subscribes again:
     * a loss the broker's persistence allows, not this stack's. A real display has long been
     * subscribed when a broker crashes.
     */
    private static void awaitSessionSaved(ChaosStack stack) {
        stack.awaitBrokerSnapshotAfter(
                FileTime.fromMillis(System.currentTimeMillis()), "the broker saved the display's session");
    }

    /** A display that connects now gets, per tool, the retained status of the tool's last event. */
    private static void assertRetainedStatusIsLastEvent(
            ChaosStack stack, Map<Long, SteadyLoad.Accepted> last, String replay) {
        try (TestMqttClient late = TestMqttClient.display(stack.certs, stack.broker.port())
                .connect()
                .subscribe("nemo/tools/+/status")) {
            Map<Long, JsonObject> retained = new HashMap<>();
            try {
                await().atMost(Duration.ofSeconds(15)).until(() -> {
                    late.received().stream()
                            .filter(TestMqttClient.Received::retained)
                            .map(r -> new JsonObject(r.payload()))
                            .forEach(p -> retained.put(p.getLong("tool_id"), p));
                    return retained.keySet().containsAll(last.keySet());
                });
            } catch (ConditionTimeoutException e) {
                // the comparison below names the tools without a retained status
            }
            List<String> wrong = new ArrayList<>();
            last.forEach((tool, event) -> {
                JsonObject status = retained.get(tool);
                boolean enabled = event.event().equals("tool_enabled");
                if (status == null) {
                    wrong.add("tool " + tool + ": no retained status");
                } else if (status.getLong("seq") != event.seq() // a republished status keeps the seq, not the event_id
                        || !status.getString("state").equals(enabled ? "in_use" : "idle")
                        || !Objects.equals(status.getString("user_name"), enabled ? event.userName() : null)) {
                    wrong.add("tool " + tool + ": retained " + status.encode() + " but the last event is " + event);
                }
            });
            assertEquals(List.of(), wrong, "retained status differs from each tool's last event" + replay);
            System.out.printf(
                    Locale.ROOT, "[chaos] the retained status of all %d tools is their last event%n", last.size());
        }
    }

    /** "90s", "10m", "1h" or ISO-8601 ("PT90S"). */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt")) {
            return Duration.parse(t);
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException("chaos.duration: " + text + " (use 90s, 10m or PT90S)");
        };
    }
}
