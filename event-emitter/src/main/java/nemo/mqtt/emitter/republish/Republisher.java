package nemo.mqtt.emitter.republish;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.event.Shards;
import nemo.mqtt.emitter.event.ToolEvent;
import nemo.mqtt.emitter.outbox.OutboxRelay;
import nemo.mqtt.emitter.state.ToolState;
import nemo.mqtt.emitter.store.EventWrites;
import nemo.mqtt.emitter.store.RetainedMessages;
import nemo.mqtt.emitter.store.ToolStateRows;

/**
 * Publishes every tool's retained messages (status, display, next) again as they are now: written
 * with the current signing key and topic prefix, and with the tool's current seq, not a new one (a
 * bridge skips a retained message older than the newest it published on that topic, and takes an
 * equal one). They go through the outbox like any event, so per-tool order and the Redis-down
 * guarantees hold: each tool's state row is locked while its rows are written, so an event of the
 * tool commits wholly before or after them. Each message gets a new event_id (the stream's duplicate
 * check and subscribers' de-duplication must not take it for the original) and the republish time as
 * its timestamp.
 */
@ApplicationScoped
public class Republisher {

    private record Page(int tools, long lastToolId) {}

    @Inject
    Pool pool;

    @Inject
    Shards shards;

    @Inject
    RetainedMessages retained;

    @Inject
    OutboxRelay relay;

    @Inject
    MeterRegistry registry;

    @Inject
    RepublishConfig config;

    /** Queues every tool, a page per transaction; answers how many tools were queued. */
    public Uni<Integer> republishAll() {
        return pages(
                        0,
                        0,
                        after -> pool.withTransaction(connection -> page(connection, after))
                                .invoke(relay::wake))
                .invoke(this::count);
    }

    /**
     * Queues every tool inside the caller's transaction on {@code connection}, so the caller's own
     * record commits with them ({@link FormChangeCheck}); the caller wakes the relay after its commit.
     */
    Uni<Integer> republishAllWithin(SqlConnection connection) {
        return pages(0, 0, after -> page(connection, after)).invoke(this::count);
    }

    /** Queues page after page ({@code pageAfter}: the page after a tool id) until one is not full; answers the tools queued. */
    private Uni<Integer> pages(long after, int done, Function<Long, Uni<Page>> pageAfter) {
        return pageAfter
                .apply(after)
                .chain(page -> page.tools() < config.pageSize()
                        ? Uni.createFrom().item(done + page.tools())
                        : pages(page.lastToolId(), done + page.tools(), pageAfter));
    }

    /** The next tools by id after {@code after}, locked, with their outbox rows written (one statement). */
    private Uni<Page> page(SqlConnection connection, long after) {
        return ToolStateRows.lockPage(connection, after, config.pageSize()).chain(states -> {
            if (states.isEmpty()) {
                return Uni.createFrom().item(new Page(0, after));
            }
            OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
            EventWrites rows = new EventWrites();
            for (ToolState state : states) {
                ToolEvent cause =
                        ToolEvent.cause(EventType.TOOL_UPDATED, state.toolId, state.toolName, state.lastSeq, at);
                rows.messages(cause, shards.streamKey(state.toolId), retained.all(state, cause));
            }
            return rows.execute(connection, at)
                    .replaceWith(new Page(states.size(), states.get(states.size() - 1).toolId));
        });
    }

    private void count(int tools) {
        registry.counter("nemo.republish.tools").increment(tools);
    }
}
