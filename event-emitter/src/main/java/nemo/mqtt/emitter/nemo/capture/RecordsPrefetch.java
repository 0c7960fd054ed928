package nemo.mqtt.emitter.nemo.capture;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Loads the capture's records that a batch of changes will read (each change's own row, the tools
 * and users it names, their parent tools) into the transaction's session, one query per entity, so
 * the appliers' {@code findById} answer from the session instead of a round trip per change.
 * Records a batch creates are simply not found here; the appliers still look them up.
 */
final class RecordsPrefetch {

    /** The record each captured table keeps of its rows (ChangeApplier#TABLES). */
    private static final Map<String, Class<?>> RECORDS = Map.of(
            "NEMO_usageevent", CapturedUsage.class,
            "NEMO_task", CapturedTask.class,
            "NEMO_tool", CapturedTool.class,
            "NEMO_user", CapturedUser.class,
            "NEMO_reservation", CapturedReservation.class,
            "NEMO_scheduledoutage", CapturedOutage.class);

    private RecordsPrefetch() {}

    /** Loads the records {@code changes} refer to; completes when they are in the current session. */
    static Uni<Void> load(List<NemoChange> changes) {
        Map<Class<?>, Set<Long>> ids = new LinkedHashMap<>();
        for (NemoChange change : changes) {
            Class<?> record = RECORDS.get(change.table());
            if (record == null) {
                continue;
            }
            add(ids, record, change.id());
            add(ids, CapturedTool.class, change.optionalNumber("tool_id"));
            add(ids, CapturedTool.class, change.optionalNumber("parent_tool_id"));
            add(ids, CapturedUser.class, change.optionalNumber("user_id"));
            add(ids, CapturedUser.class, change.optionalNumber("operator_id"));
        }
        Set<Long> tools = ids.getOrDefault(CapturedTool.class, Set.of());
        ids.remove(CapturedTool.class);
        return Panache.getSession()
                .chain(session -> loadAll(session, ids).chain(() -> toolsAndParents(session, tools)));
    }

    /** The tools, then their parents not among them (a child tool's event goes to its parent: Target#of). */
    private static Uni<Void> toolsAndParents(Mutiny.Session session, Set<Long> tools) {
        if (tools.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return session.find(CapturedTool.class, tools.toArray()).chain(found -> {
            Object[] parents = found.stream()
                    .filter(Objects::nonNull)
                    .map(tool -> tool.parentToolId)
                    .filter(parent -> parent != null && !tools.contains(parent))
                    .distinct()
                    .toArray();
            return parents.length == 0
                    ? Uni.createFrom().voidItem()
                    : session.find(CapturedTool.class, parents).replaceWithVoid();
        });
    }

    private static Uni<Void> loadAll(Mutiny.Session session, Map<Class<?>, Set<Long>> ids) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<Class<?>, Set<Long>> entry : ids.entrySet()) {
            // one session, one statement at a time
            chain = chain.chain(() ->
                    session.find(entry.getKey(), entry.getValue().toArray()).replaceWithVoid());
        }
        return chain;
    }

    private static void add(Map<Class<?>, Set<Long>> ids, Class<?> record, Long id) {
        if (id != null && id != 0) {
            ids.computeIfAbsent(record, ignored -> new LinkedHashSet<>()).add(id);
        }
    }
}
