package nemo.mqtt.emitter.outbox;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Command;
import nemo.mqtt.emitter.store.OutboxEntry;

/** Appends outbox rows to their shard streams with the fields of the wire contract, in one pipelined batch. */
@ApplicationScoped
public class StreamAppender {

    private final Redis redis;

    StreamAppender(Redis redis) {
        this.redis = redis;
    }

    /** Sent in order on one connection, so each stream receives its rows in outbox order. */
    public Uni<Void> append(List<OutboxEntry> rows) {
        List<Request> batch = rows.stream().map(StreamAppender::xadd).toList();
        return redis.batch(batch).replaceWithVoid();
    }

    private static Request xadd(OutboxEntry row) {
        return Request.cmd(Command.XADD).arg(row.streamKey).arg("*")
                .arg("topic").arg(row.topic)
                .arg("payload").arg(row.payload)
                .arg("qos").arg(row.qos)
                .arg("retain").arg(row.retain ? "1" : "0")
                .arg("event_id").arg(row.eventId.toString())
                .arg("tool_id").arg(row.toolId)
                .arg("seq").arg(row.seq);
    }
}
