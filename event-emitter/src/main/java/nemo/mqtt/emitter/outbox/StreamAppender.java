package nemo.mqtt.emitter.outbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

import nemo.mqtt.emitter.store.OutboxMessage;
import nemo.mqtt.emitter.store.StreamId;

/**
 * Appends outbox rows to their shard streams with the fields of the wire contract, one pipelined
 * batch per stream ({@link StreamBatches}: a Redis Cluster takes no batch across slots), skipping rows an earlier attempt already appended (so no event is in a stream twice).
 * Stateless; the relay sends its requests on the one connection of a run.
 */
@ApplicationScoped
public class StreamAppender {

    /** What to read first: per stream, as many entries at its end as the batch has rows for it. */
    public Map<String, Request> tails(List<OutboxMessage> rows) {
        Map<String, Integer> rowsPerStream = new LinkedHashMap<>();
        rows.forEach(row -> rowsPerStream.merge(row.streamKey(), 1, Integer::sum));
        Map<String, Request> tails = new LinkedHashMap<>();
        rowsPerStream.forEach((stream, count) -> tails.put(
                stream,
                Request.cmd(Command.XREVRANGE)
                        .arg(stream)
                        .arg("+")
                        .arg("-")
                        .arg("COUNT")
                        .arg(count)));
        return tails;
    }

    /**
     * Appends the rows the {@link #tails} do not show, in order, and answers the id of the last entry
     * each stream now has for these rows. An earlier attempt whose rows were not marked sent (Redis or
     * PostgreSQL failed in between, or the process died) can only have appended the newest entries of
     * each stream, since one relay appends, in outbox order: the tails hold them all.
     */
    public Uni<Map<String, StreamId>> appendMissing(
            RedisConnection redis, List<OutboxMessage> rows, Map<String, Response> tails) {
        Map<String, StreamId> present = new HashMap<>();
        tails.values().forEach(tail -> collectPresent(tail, present));
        Map<String, StreamId> last = new HashMap<>();
        List<OutboxMessage> missing = new ArrayList<>();
        for (OutboxMessage row : rows) {
            StreamId there = present.get(identity(row.eventId().toString(), row.topic()));
            if (there == null) {
                missing.add(row);
            } else {
                last.merge(row.streamKey(), there, StreamId::max);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(last);
        }
        Map<String, List<Request>> appends = new LinkedHashMap<>();
        missing.forEach(row -> appends.computeIfAbsent(row.streamKey(), stream -> new ArrayList<>())
                .add(xadd(row)));
        return StreamBatches.send(redis, appends).map(idsPerStream -> {
            // each stream's last id is its last append's, the batch being in outbox order
            idsPerStream.forEach((stream, ids) ->
                    last.merge(stream, StreamId.parse(ids.get(ids.size() - 1).toString()), StreamId::max));
            return last;
        });
    }

    private static void collectPresent(Response tail, Map<String, StreamId> present) {
        if (tail == null) {
            return;
        }
        for (Response entry : tail) {
            Response fields = entry.get(1);
            String eventId = null;
            String topic = null;
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                String name = fields.get(i).toString();
                if ("event_id".equals(name)) {
                    eventId = fields.get(i + 1).toString();
                } else if ("topic".equals(name)) {
                    topic = fields.get(i + 1).toString();
                }
            }
            present.put(identity(eventId, topic), StreamId.parse(entry.get(0).toString()));
        }
    }

    /** An event may put one entry on each of several topics (its own and the status). */
    private static String identity(String eventId, String topic) {
        return eventId + " " + topic;
    }

    private static Request xadd(OutboxMessage row) {
        return Request.cmd(Command.XADD)
                .arg(row.streamKey())
                .arg("*")
                .arg("topic")
                .arg(row.topic())
                .arg("payload")
                .arg(row.payload())
                .arg("qos")
                .arg(row.qos())
                .arg("retain")
                .arg(row.retain() ? "1" : "0")
                .arg("event_id")
                .arg(row.eventId().toString())
                .arg("tool_id")
                .arg(row.toolId())
                .arg("seq")
                .arg(row.seq());
    }
}
