package nemo.mqtt.emitter.store;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.common.AffectedEntities;

import nemo.mqtt.emitter.state.ToolState;

/**
 * Hands out each tool's next {@code seq} inside the caller's transaction by bumping
 * {@code tool_state.last_seq}, then reads the state row. The row stays locked until commit, so
 * concurrent events of one tool get consecutive numbers in commit order and each sees the state its
 * predecessor left.
 *
 * <p>The bump is a native statement without a result on purpose: in Hibernate 7.2 every native
 * SELECT (or INSERT ... RETURNING read as a result) misses the query-plan cache, which then fills
 * with entries of one hash that each later lookup walks; the PK read goes through the entity API.
 */
@ApplicationScoped
public class ToolSequences {

    /**
     * A new tool starts idle at seq 1. An event_id already stored claims nothing (no row changes), so
     * a retry costs no seq and the dedupe check costs no round trip of its own.
     */
    private static final String CLAIM = """
            insert into tool_state as t (tool_id, state, state_since, last_seq, updated_at)
            select :toolId, 'idle', :at, 1, :at
            where not exists (select 1 from tool_event where event_id = :eventId)
            on conflict (tool_id) do update set last_seq = t.last_seq + 1, updated_at = :at""";

    private static final String BUMP = "update tool_state set last_seq = last_seq + 1 where tool_id = :toolId";

    private static final AffectedEntities TABLES = new AffectedEntities(ToolState.class);

    /**
     * The tool's state with {@code lastSeq} set to the event's seq ({@code 1}: the tool is new), or
     * null when {@code eventId} is already stored. The caller must not hold this tool's state in its
     * session already (the session would answer that stale copy): EventStore detaches it after each event.
     */
    public Uni<ToolState> claim(long toolId, UUID eventId, OffsetDateTime at) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM, TABLES)
                        .setParameter("toolId", toolId)
                        .setParameter("eventId", eventId)
                        .setParameter("at", at)
                        .executeUpdate()
                        .chain(claimed ->
                                claimed == 0 ? Uni.createFrom().nullItem() : session.find(ToolState.class, toolId)));
    }

    /** The next seq of a tool that has a state (in {@code lastSeq}), for messages no event caused; null if it has none. */
    public Uni<ToolState> bump(long toolId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(BUMP, TABLES)
                        .setParameter("toolId", toolId)
                        .executeUpdate()
                        .chain(bumped ->
                                bumped == 0 ? Uni.createFrom().nullItem() : session.find(ToolState.class, toolId)));
    }
}
