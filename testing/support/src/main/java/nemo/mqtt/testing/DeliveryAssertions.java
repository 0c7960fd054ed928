package nemo.mqtt.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.vertx.core.json.JsonObject;

/**
 * What every delivery test requires of what a display received (DESIGN.md, "mqtt-bridge"): nothing
 * accepted is lost, and each tool's events arrive in {@code seq} order once repeats of an
 * {@code event_id} already seen are dropped (QoS 1 may deliver twice; a display de-duplicates).
 */
public final class DeliveryAssertions {

    /** One arrival of a tool event; {@code receivedNanos} is System.nanoTime() on arrival. */
    public record Delivery(long toolId, long seq, String eventId, long receivedNanos) {

        /** Reads tool_id, seq and event_id from the message's JSON payload. */
        public static Delivery of(TestMqttClient.Received message) {
            JsonObject payload = new JsonObject(message.payload());
            return new Delivery(
                    payload.getLong("tool_id"),
                    payload.getLong("seq"),
                    payload.getString("event_id"),
                    message.receivedNanos());
        }
    }

    /** An arrival whose seq is not above the highest seq its tool had before it. */
    public record OrderBreak(Delivery arrival, long after) {
        @Override
        public String toString() {
            return "tool " + arrival.toolId() + ": seq " + arrival.seq() + " (" + arrival.eventId()
                    + ") arrived after seq " + after;
        }
    }

    private DeliveryAssertions() {}

    /** Each message's {@link Delivery}, in arrival order. */
    public static List<Delivery> deliveries(List<TestMqttClient.Received> received) {
        return received.stream().map(Delivery::of).toList();
    }

    /** The distinct event_ids of {@code received}, in order of first arrival. */
    public static Set<String> eventIds(List<TestMqttClient.Received> received) {
        Set<String> ids = new LinkedHashSet<>();
        received.forEach(m -> ids.add(new JsonObject(m.payload()).getString("event_id")));
        return ids;
    }

    /** The order breaks of {@code arrivals} (any tools, in arrival order) after de-duplication by event_id. */
    public static List<OrderBreak> orderBreaks(List<Delivery> arrivals) {
        Set<String> seen = new HashSet<>();
        Map<Long, Long> highest = new HashMap<>();
        List<OrderBreak> breaks = new ArrayList<>();
        for (Delivery arrival : arrivals) {
            if (!seen.add(arrival.eventId())) {
                continue;
            }
            long last = highest.getOrDefault(arrival.toolId(), 0L);
            if (arrival.seq() <= last) {
                breaks.add(new OrderBreak(arrival, last));
            }
            highest.put(arrival.toolId(), Math.max(last, arrival.seq()));
        }
        return breaks;
    }

    /** The items of {@code accepted} whose event_id ({@code eventId}) is not in {@code delivered}, in their order. */
    public static <T> List<T> lost(Collection<T> accepted, Function<T, String> eventId, Set<String> delivered) {
        return accepted.stream()
                .filter(a -> !delivered.contains(eventId.apply(a)))
                .toList();
    }

    /** Fails naming the first breaks when a tool's events (after de-duplication) did not arrive in seq order. */
    public static void assertPerToolOrder(List<Delivery> arrivals) {
        List<OrderBreak> breaks = orderBreaks(arrivals);
        if (!breaks.isEmpty()) {
            throw new AssertionError("per-tool order broken " + breaks.size() + " times: "
                    + breaks.subList(0, Math.min(20, breaks.size())));
        }
    }

    /**
     * Fails unless {@code received} holds exactly {@code events} distinct event_ids (nothing lost,
     * nothing foreign) and each tool's arrive in seq order.
     */
    public static void assertAllOnceInOrder(int events, List<TestMqttClient.Received> received) {
        int distinct = eventIds(received).size();
        if (distinct != events) {
            throw new AssertionError("expected " + events + " distinct events, received " + distinct);
        }
        assertPerToolOrder(deliveries(received));
    }
}
