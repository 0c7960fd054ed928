package nemo.mqtt.emitter.store;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.common.AffectedEntities;
import org.hibernate.reactive.mutiny.Mutiny;

import nemo.mqtt.emitter.event.Shards;
import nemo.mqtt.emitter.event.ToolEvent;

/**
 * Writes an event's history row and its outbox rows in ONE statement (a data-modifying CTE), in the
 * caller's transaction. Persisting them as entities costs a round trip per row: their ids are
 * identity columns, which Hibernate cannot batch. The ids stay assigned by PostgreSQL at insert, in
 * the order given, so outbox ids still grow with seq per tool across emitter replicas (the relay's
 * order); a pooled sequence would hand each replica its own block and break that.
 */
@ApplicationScoped
public class EventRows {

    /** One message the event causes. */
    public record Message(String topic, String payload, boolean retain) {}

    private static final AffectedEntities TABLES = new AffectedEntities(StoredEvent.class, OutboxEntry.class);
    private static final String EVENT = """
            insert into tool_event (event_id, tool_id, seq, event_type, payload, received_at, request_hash)
            values (:eventId, :toolId, :seq, :type, :payload, :at, :requestHash)""";

    @Inject
    Shards shards;
    /** The statement for each (history row or not, number of messages): a handful, so Hibernate caches each plan. */
    private final ConcurrentMap<Integer, String> statements = new ConcurrentHashMap<>();

    /** Stores {@code event} in the history with {@code eventPayload} (none if null) and one outbox row per message. */
    public Uni<Void> insert(ToolEvent event, String eventPayload, List<Message> messages) {
        return insert(event, eventPayload, null, messages);
    }

    /** As {@link #insert(ToolEvent, String, List)}, keeping {@code requestHash} (ToolEventDraft#fingerprint) with the history row. */
    public Uni<Void> insert(ToolEvent event, String eventPayload, String requestHash, List<Message> messages) {
        boolean history = eventPayload != null;
        if (!history && messages.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String sql = statements.computeIfAbsent(
                messages.size() * 2 + (history ? 1 : 0), key -> statement(history, messages.size()));
        return Panache.getSession().chain(session -> {
            Mutiny.Query<Object> query = session.createNativeQuery(sql, TABLES)
                    .setParameter("eventId", event.eventId())
                    .setParameter("toolId", event.toolId())
                    .setParameter("seq", event.seq())
                    .setParameter("at", event.timestamp());
            if (history) {
                query.setParameter("type", event.event().wireName())
                        .setParameter("payload", eventPayload)
                        .setParameter("requestHash", requestHash);
            }
            if (!messages.isEmpty()) {
                query.setParameter("streamKey", shards.streamKey(event.toolId()));
            }
            for (int i = 0; i < messages.size(); i++) {
                Message m = messages.get(i);
                query.setParameter("topic" + i, m.topic())
                        .setParameter("payload" + i, m.payload())
                        .setParameter("retain" + i, m.retain());
            }
            return query.executeUpdate().replaceWithVoid();
        });
    }

    private static String statement(boolean history, int messages) {
        if (messages == 0) {
            return EVENT;
        }
        StringBuilder sql = new StringBuilder(history ? "with event as (" + EVENT + ")\n" : "")
                .append(
                        "insert into outbox (event_id, tool_id, seq, stream_key, topic, payload, qos, retain, created_at) values ");
        for (int i = 0; i < messages; i++) {
            sql.append(i == 0 ? "" : ", ")
                    .append("(:eventId, :toolId, :seq, :streamKey, :topic")
                    .append(i)
                    .append(", :payload")
                    .append(i)
                    .append(", 1, :retain")
                    .append(i)
                    .append(", :at)");
        }
        return sql.toString();
    }
}
