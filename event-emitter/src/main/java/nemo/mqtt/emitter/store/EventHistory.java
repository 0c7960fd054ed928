package nemo.mqtt.emitter.store;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads the history of accepted events ({@code tool_event}) in pages, oldest first, with plain SQL. */
public final class EventHistory {

    /** One stored event: its row id (the page cursor), identity, tool, seq, type, payload as published, and arrival. */
    public record Entry(
            long id,
            UUID eventId,
            long toolId,
            long seq,
            String eventType,
            String payload,
            OffsetDateTime receivedAt) {}

    private static final String COLUMNS =
            "select id, event_id, tool_id, seq, event_type, payload, received_at from tool_event ";

    private static final String PAGE = COLUMNS + "where id > $1 order by id limit $2";

    private static final String TOOL_PAGE = COLUMNS + "where tool_id = $3 and id > $1 order by id limit $2";

    private EventHistory() {}

    /**
     * Up to {@code limit} events with a row id above {@code after}, by ascending id; only tool
     * {@code toolId}'s when it is not null.
     */
    public static Uni<List<Entry>> page(SqlClient client, Long toolId, long after, int limit) {
        Tuple parameters = toolId == null ? Tuple.of(after, limit) : Tuple.of(after, limit, toolId);
        return client.preparedQuery(toolId == null ? PAGE : TOOL_PAGE)
                .execute(parameters)
                .map(rows -> {
                    List<Entry> entries = new ArrayList<>(rows.size());
                    rows.forEach(row -> entries.add(new Entry(
                            row.getLong("id"),
                            row.getUUID("event_id"),
                            row.getLong("tool_id"),
                            row.getLong("seq"),
                            row.getString("event_type"),
                            row.getString("payload"),
                            row.getOffsetDateTime("received_at"))));
                    return entries;
                });
    }
}
