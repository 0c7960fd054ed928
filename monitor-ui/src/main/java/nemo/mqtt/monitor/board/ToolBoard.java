package nemo.mqtt.monitor.board;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;

import nemo.mqtt.monitor.MonitorConfig;
import nemo.mqtt.monitor.feed.ReadMessage;

/**
 * The current card of every tool, built from the retained {@code <prefix>/tools/{id}/status} and
 * {@code /next} messages (the broker replays them when the monitor subscribes, so the board is
 * complete at start). A message older (by seq) than what the card shows is ignored: a redelivery
 * never moves a card back in time. An empty retained status removes the tool.
 */
@ApplicationScoped
public class ToolBoard {

    private static final int FOLLOWER_BUFFER = 1000;

    private final Pattern toolTopic;
    private final Map<Long, ToolCard> cards = new TreeMap<>();
    private final Set<MultiEmitter<? super BoardChange>> followers = new CopyOnWriteArraySet<>();

    ToolBoard(MonitorConfig config) {
        this.toolTopic = Pattern.compile("^" + Pattern.quote(config.topicPrefix()) + "/tools/(\\d+)/(status|next)$");
    }

    public void update(String topic, ReadMessage message) {
        Matcher matcher = toolTopic.matcher(topic);
        if (!matcher.matches()) {
            return;
        }
        long toolId = Long.parseLong(matcher.group(1));
        if (matcher.group(2).equals("status")) {
            updateStatus(toolId, message);
        } else if (message.json() != null) {
            Long seq = message.number("seq");
            updateNext(toolId, message.text("tool_name"), next(message.json(), seq != null ? seq : -1));
        }
    }

    private synchronized void updateStatus(long toolId, ReadMessage message) {
        ToolCard current = cards.get(toolId);
        if (message.json() == null) {
            if (message.payload().isEmpty() && cards.remove(toolId) != null) {
                publish(new BoardChange.Removed(toolId));
            }
            return;
        }
        // a message without seq cannot be ordered: shown, without moving the card's seq on
        Long carriedSeq = message.number("seq");
        long seq = carriedSeq != null ? carriedSeq : current != null ? current.seq() : -1;
        if (current != null && seq < current.seq()) {
            return;
        }
        ToolStateView state = ToolStateView.of(message.text("state"));
        ToolCard.NextReservation next = current != null ? current.next() : ToolCard.NextReservation.NONE;
        JsonNode carried = message.json().get("next_reservation");
        if (carried != null && seq > next.seq()) {
            next = carried.isObject() ? next(carried, seq) : new ToolCard.NextReservation(null, null, null, null, seq);
        }
        ToolCard card = new ToolCard(
                toolId,
                message.text("tool_name"),
                state.wireName(),
                state.label(),
                state.icon(),
                message.text("user_name"),
                message.text("operator_name"),
                message.text("since"),
                attention(message),
                next,
                message.text("updated_at"),
                seq);
        cards.put(toolId, card);
        publish(new BoardChange.Shown(card));
    }

    private synchronized void updateNext(long toolId, String toolName, ToolCard.NextReservation next) {
        ToolCard current = cards.get(toolId);
        if (current == null) {
            current = ToolCard.placeholder(toolId, toolName);
        } else if (next.seq() >= 0 && next.seq() < current.next().seq()) {
            return;
        }
        ToolCard card = current.withNext(next);
        cards.put(toolId, card);
        publish(new BoardChange.Shown(card));
    }

    private static ToolCard.NextReservation next(JsonNode json, long seq) {
        JsonNode id = json.get("reservation_id");
        return new ToolCard.NextReservation(
                id != null && id.canConvertToLong() ? id.asLong() : null,
                text(json, "user_name"),
                text(json, "start_time"),
                text(json, "end_time"),
                seq);
    }

    private static String attention(ReadMessage message) {
        for (String field : List.of("shutdown_note", "outage_note", "problem", "warning")) {
            String text = message.text(field);
            if (text != null && !text.isBlank()) {
                return text;
            }
        }
        return null;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Cards by tool name, then id. */
    public synchronized List<ToolCard> cards() {
        List<ToolCard> sorted = new ArrayList<>(cards.values());
        sorted.sort(Comparator.comparing((ToolCard c) -> c.displayName().toLowerCase())
                .thenComparing(ToolCard::toolId));
        return sorted;
    }

    public synchronized Map<ToolStateView, Integer> countByState() {
        Map<ToolStateView, Integer> counts = new EnumMap<>(ToolStateView.class);
        for (ToolStateView state : ToolStateView.values()) {
            counts.put(state, 0);
        }
        cards.values().forEach(card -> counts.merge(ToolStateView.of(card.state()), 1, Integer::sum));
        return counts;
    }

    /**
     * Every card as it is now and the list of all tools, then each change as it happens. A browser
     * too slow to take them has its stream ended (bounded buffer); it reconnects and starts again
     * from the current cards.
     */
    public Multi<BoardChange> follow() {
        return Multi.createFrom()
                .<BoardChange>emitter(emitter -> {
                    synchronized (this) {
                        cards().forEach(card -> emitter.emit(new BoardChange.Shown(card)));
                        emitter.emit(new BoardChange.Current(List.copyOf(cards.keySet())));
                        followers.add(emitter);
                    }
                    emitter.onTermination(() -> followers.remove(emitter));
                })
                .onOverflow()
                .buffer(Math.max(FOLLOWER_BUFFER, cards.size() * 2));
    }

    private void publish(BoardChange change) {
        followers.forEach(follower -> follower.emit(change));
    }
}
