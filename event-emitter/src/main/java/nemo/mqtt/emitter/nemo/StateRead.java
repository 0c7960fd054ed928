package nemo.mqtt.emitter.nemo;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.smallrye.mutiny.Uni;

/**
 * Everything that decides a tool's state, read from NEMO in one cycle (usages first), so a cycle
 * never applies a usage's end without the shutdown that caused it (NEMO's forced shutdown writes the
 * task, the tool and the usage's end one after another): usages running, started or ended within the look-back
 * (and those reported running that vanished, read again by id), tools shut down, open tasks,
 * scheduled outages in effect, and open shutdown periods.
 *
 * @param usages  by usage id
 * @param deleted usages reported running that NEMO no longer has (an admin deleted them)
 */
record StateRead(
        Instant at,
        Map<Long, NemoModel.Usage> usages,
        Set<Long> deleted,
        Set<Long> shutDown,
        List<NemoModel.Task> openTasks,
        List<NemoModel.ScheduledOutage> outages,
        List<NemoModel.UnplannedOutage> shutdownPeriods) {

    /**
     * Reads NEMO at {@code at}, looking back {@code lookBack} for short runs, and asks again for the
     * usages {@code store} recorded as running that are not among them.
     */
    static Uni<StateRead> read(NemoClient nemo, PollerStore store, Instant at, Duration lookBack) {
        Instant since = at.minus(lookBack);
        Uni<Map<Long, NemoModel.Usage>> usages = Uni.combine()
                .all()
                .unis(nemo.openUsages(), nemo.usagesStartedSince(since), nemo.usagesEndedSince(since))
                .asTuple()
                .map(lists -> {
                    Map<Long, NemoModel.Usage> byId = new LinkedHashMap<>();
                    for (List<NemoModel.Usage> list : List.of(lists.getItem1(), lists.getItem2(), lists.getItem3())) {
                        list.forEach(u -> byId.put(u.id(), u));
                    }
                    return byId;
                });
        // usages first, the rest after: NEMO commits a forced shutdown's task and tool before the usage's
        // end, so a usage end seen here comes with its shutdown in the reads that follow
        return usages.chain(byId -> vanished(nemo, store, byId)
                .chain(deleted -> Uni.combine()
                        .all()
                        .unis(nemo.shutDownTools(), nemo.openTasks(), nemo.outagesAt(at), nemo.openUnplannedOutages())
                        .asTuple()
                        .map(read -> new StateRead(
                                at,
                                byId,
                                deleted,
                                read.getItem1().stream().map(NemoModel.Tool::id).collect(Collectors.toSet()),
                                read.getItem2(),
                                read.getItem3().stream()
                                        .filter(o -> o.tool() != null)
                                        .toList(),
                                read.getItem4()))));
    }

    /**
     * Usages reported running that are neither running nor recently ended: read again by id (they
     * ended before the look-back), adding what NEMO still has to {@code seen}; answers the rest,
     * which NEMO no longer has.
     */
    private static Uni<Set<Long>> vanished(NemoClient nemo, PollerStore store, Map<Long, NemoModel.Usage> seen) {
        return store.openUsages().chain(open -> {
            Set<Long> missing = open.stream()
                    .map(u -> u.usageId)
                    .filter(id -> !seen.containsKey(id))
                    .collect(Collectors.toSet());
            if (missing.isEmpty()) {
                return Uni.createFrom().item(Set.<Long>of());
            }
            return nemo.usages(missing).map(found -> {
                found.forEach(u -> seen.put(u.id(), u));
                return missing.stream().filter(id -> !seen.containsKey(id)).collect(Collectors.toSet());
            });
        });
    }
}
