package nemo.mqtt.emitter.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import nemo.mqtt.emitter.event.ToolEventDraft;
import nemo.mqtt.emitter.store.EventStore.Accepted;

/**
 * Which events of a group of requests are new, before anything is written (pure logic). A request
 * whose event_id was already stored, or came earlier in the group, with a different event fails
 * alone ({@link EventIdReusedException}) and claims nothing; the same event again answers the
 * first's result ({@code duplicate}), also when the first is in another request of the same group
 * (both commit together); a request of a NEMO source takes any stored event as its duplicate
 * ({@link PendingRequest.Reuse#DUPLICATE}). New events keep the group's order, which is the order of their seqs per tool.
 */
final class GroupPlan {

    /** What tool_event already holds for an event_id. */
    record Stored(long toolId, long seq, String requestHash) {}

    /** A new event of the group; {@link #seq} is set once its tool's seqs are claimed. */
    static final class Slot {
        final ToolEventDraft draft;
        final UUID eventId;
        final String fingerprint;
        long seq;

        Slot(ToolEventDraft draft, UUID eventId, String fingerprint) {
            this.draft = draft;
            this.eventId = eventId;
            this.fingerprint = fingerprint;
        }
    }

    /** A request's answer once the group committed: its results in order, or its failure. */
    record Outcome(List<Supplier<Accepted>> results, RuntimeException failure) {
        List<Accepted> accepted() {
            return results.stream().map(Supplier::get).toList();
        }
    }

    final List<Slot> slots = new ArrayList<>();
    final List<Outcome> outcomes = new ArrayList<>();

    /** Plans {@code requests} in order against {@code stored} (the group's event_ids already in tool_event). */
    GroupPlan(List<PendingRequest> requests, Map<UUID, Stored> stored) {
        Map<UUID, Slot> inGroup = new HashMap<>();
        for (PendingRequest request : requests) {
            Map<UUID, Slot> mine = new HashMap<>();
            List<Slot> mySlots = new ArrayList<>();
            List<Supplier<Accepted>> results = new ArrayList<>();
            RuntimeException failure = null;
            for (int i = 0; i < request.size() && failure == null; i++) {
                UUID id = request.eventIds.get(i);
                String fingerprint = request.fingerprints.get(i);
                Stored before = stored.get(id);
                Slot earlier = before != null ? null : mine.getOrDefault(id, inGroup.get(id));
                boolean anyEvent = request.reuse == PendingRequest.Reuse.DUPLICATE;
                if (before != null
                        && (anyEvent
                                || before.requestHash() == null
                                || before.requestHash().equals(fingerprint))) {
                    results.add(() -> new Accepted(id, before.toolId(), before.seq(), true));
                } else if (earlier != null && (anyEvent || earlier.fingerprint.equals(fingerprint))) {
                    results.add(() -> new Accepted(id, earlier.draft.toolId(), earlier.seq, true));
                } else if (before != null || earlier != null) {
                    failure = new EventIdReusedException(
                            id, request.reuse == PendingRequest.Reuse.REFUSED_AT_INDEX ? i : -1);
                } else {
                    Slot slot = new Slot(request.drafts.get(i), id, fingerprint);
                    mine.put(id, slot);
                    mySlots.add(slot);
                    results.add(() -> new Accepted(id, slot.draft.toolId(), slot.seq, false));
                }
            }
            if (failure == null) {
                inGroup.putAll(mine);
                slots.addAll(mySlots);
            }
            outcomes.add(new Outcome(results, failure));
        }
    }

    /** How many new events each tool has, by ascending tool_id (the order its rows are locked in). */
    Map<Long, Integer> countsPerTool() {
        Map<Long, Integer> counts = new TreeMap<>();
        slots.forEach(slot -> counts.merge(slot.draft.toolId(), 1, Integer::sum));
        return counts;
    }
}
