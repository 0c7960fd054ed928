package nemo.mqtt.emitter.store;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Hands out each tool's next {@code seq} inside the caller's transaction. The upserted row stays
 * locked until commit, so concurrent events of one tool get consecutive numbers in commit order.
 */
@ApplicationScoped
public class ToolSequences {

    private static final String NEXT = """
            insert into tool_sequence (tool_id, last_seq) values (:toolId, 1)
            on conflict (tool_id) do update set last_seq = tool_sequence.last_seq + 1
            returning last_seq""";

    public Uni<Long> next(long toolId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(NEXT, Long.class)
                .setParameter("toolId", toolId)
                .getSingleResult());
    }
}
