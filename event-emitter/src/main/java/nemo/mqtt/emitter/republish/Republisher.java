package nemo.mqtt.emitter.republish;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.event.ToolEvent;
import nemo.mqtt.emitter.outbox.OutboxRelay;
import nemo.mqtt.emitter.state.ToolState;
import nemo.mqtt.emitter.store.EventRows;
import nemo.mqtt.emitter.store.RetainedMessages;

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
    EventRows rows;

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
        return pages(0, 0, page -> Panache.withTransaction(() -> page).invoke(relay::wake))
                .invoke(this::count);
    }

    /**
     * Queues every tool inside the caller's transaction, so the caller's own record commits with them
     * ({@link FormChangeCheck}); the caller wakes the relay after its commit.
     */
    Uni<Integer> republishAllWithin() {
        return pages(0, 0, Function.identity()).invoke(this::count);
    }

    private Uni<Integer> pages(long after, int done, Function<Uni<Page>, Uni<Page>> run) {
        return run.apply(page(after))
                .chain(page -> page.tools() < config.pageSize()
                        ? Uni.createFrom().item(done + page.tools())
                        : pages(page.lastToolId(), done + page.tools(), run));
    }

    /** The next tools by id after {@code after}, locked, each with its outbox rows written. */
    private Uni<Page> page(long after) {
        return Uni.createFrom()
                .deferred(() -> ToolState.<ToolState>find("toolId > ?1", Sort.by("toolId"), after)
                        .withLock(LockModeType.PESSIMISTIC_WRITE)
                        .page(0, config.pageSize())
                        .list())
                .chain(states -> Multi.createFrom()
                        .iterable(states)
                        .onItem()
                        .transformToUniAndConcatenate(this::queue)
                        .collect()
                        .last()
                        .replaceWith(new Page(
                                states.size(), states.isEmpty() ? after : states.get(states.size() - 1).toolId)));
    }

    private Uni<Void> queue(ToolState state) {
        ToolEvent cause = ToolEvent.cause(
                EventType.TOOL_UPDATED,
                state.toolId,
                state.toolName,
                state.lastSeq,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS));
        List<EventRows.Message> messages = retained.all(state, cause);
        return rows.insert(cause, null, messages);
    }

    private void count(int tools) {
        registry.counter("nemo.republish.tools").increment(tools);
    }
}
