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

import nemo.mqtt.emitter.store.EventWrites;
import nemo.mqtt.emitter.store.OutboxRow;
import nemo.mqtt.emitter.store.StreamId;

/**
 * Appends the messages of outbox rows to their shard streams, one entry per message with the fields
 * of the wire contract, one pipelined batch per stream ({@link StreamBatches}: a Redis Cluster takes
 * no batch across slots), skipping messages an earlier attempt already appended (so no message is in
 * a stream twice). Stateless; the relay sends its requests on the one connection of a run.
 */
@ApplicationScoped
public class StreamAppender {

    /** What to read first: per stream, as many entries at its end as the batch's rows carry messages for it. */
    public Map<String, Request> tails(List<OutboxRow> rows) {
        Map<String, Integer> entriesPerStream = new LinkedHashMap<>();
        rows.forEach(
                row -> entriesPerStream.merge(row.streamKey(), row.messages().size(), Integer::sum));
        Map<String, Request> tails = new LinkedHashMap<>();
        entriesPerStream.forEach((stream, count) -> tails.put(
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
     * Appends the rows' messages the {@link #tails} do not show, in order, and answers the id of the
     * last entry each stream now has for these rows. An earlier attempt whose rows were not marked sent
     * (Redis or PostgreSQL failed in between, or the process died) can only have appended the newest
     * entries of each stream, since one relay appends, in outbox order: the tails hold them all.
     */
    public Uni<Map<String, StreamId>> appendMissing(
            RedisConnection redis, List<OutboxRow> rows, Map<String, Response> tails) {
        Map<String, StreamId> present = new HashMap<>();
        tails.values().forEach(tail -> collectPresent(tail, present));
        Map<String, StreamId> last = new HashMap<>();
        Map<String, List<Request>> appends = new LinkedHashMap<>();
        for (OutboxRow row : rows) {
            for (EventWrites.Message message : row.messages()) {
                StreamId there = present.get(identity(row.eventId().toString(), message.topic()));
                if (there == null) {
                    appends.computeIfAbsent(row.streamKey(), stream -> new ArrayList<>())
                            .add(xadd(row, message));
                } else {
                    last.merge(row.streamKey(), there, StreamId::max);
                }
            }
        }
        if (appends.isEmpty()) {
            return Uni.createFrom().item(last);
        }
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

    private static Request xadd(OutboxRow row, EventWrites.Message message) {
        return Request.cmd(Command.XADD)
                .arg(row.streamKey())
                .arg("*")
                .arg("topic")
                .arg(message.topic())
                .arg("payload")
                .arg(message.payload())
                .arg("qos")
                .arg(row.qos())
                .arg("retain")
                .arg(message.retain() ? "1" : "0")
                .arg("event_id")
                .arg(row.eventId().toString())
                .arg("tool_id")
                .arg(row.toolId())
                .arg("seq")
                .arg(row.seq());
    }
}
