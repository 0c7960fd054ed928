package nemo.mqtt.emitter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.event.ToolEventDraft;
import nemo.mqtt.emitter.store.EventStore.Accepted;

class GroupPlanTest {

    @Test
    void aStoredEventIdAnswersItsResultWhenTheEventIsTheSameAndFailsOnlyItsRequestWhenNot() {
        UUID id = UUID.randomUUID();
        PendingRequest same = request(false, draft(id, 1, "Alice"));
        PendingRequest other = request(true, draft(null, 2, "Bob"), draft(id, 1, "Eve"));
        PendingRequest fresh = request(false, draft(null, 3, "Carol"));
        GroupPlan plan = new GroupPlan(
                List.of(same, other, fresh), Map.of(id, new GroupPlan.Stored(1, 7, same.fingerprints.get(0))));

        assertEquals(List.of(new Accepted(id, 1, 7, true)), plan.outcomes.get(0).accepted());
        EventIdReusedException reused = assertInstanceOf(
                EventIdReusedException.class, plan.outcomes.get(1).failure());
        assertEquals(1, reused.index());
        assertNull(plan.outcomes.get(2).failure());
        assertEquals(
                List.of(3L),
                plan.slots.stream().map(s -> s.draft.toolId()).toList(),
                "the failed batch claims nothing");
    }

    @Test
    void anEventIdTwiceInOneGroupIsStoredOnceAndTheSecondAnswersTheFirstsSeq() {
        UUID id = UUID.randomUUID();
        GroupPlan plan = new GroupPlan(
                List.of(
                        request(false, draft(id, 4, "Alice")),
                        request(false, draft(id, 4, "Alice")),
                        request(false, draft(id, 4, "Bob"))),
                Map.of());
        assertEquals(1, plan.slots.size());
        plan.slots.get(0).seq = 12;
        assertEquals(
                List.of(new Accepted(id, 4, 12, false)), plan.outcomes.get(0).accepted());
        assertEquals(
                List.of(new Accepted(id, 4, 12, true)), plan.outcomes.get(1).accepted());
        assertEquals(-1, ((EventIdReusedException) plan.outcomes.get(2).failure()).index());
    }

    @Test
    void theIdsOfAFailedRequestAreNotTakenForTheGroup() {
        UUID stored = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        PendingRequest failing = request(true, draft(id, 5, "Alice"), draft(stored, 5, "Eve"));
        GroupPlan plan = new GroupPlan(
                List.of(failing, request(false, draft(id, 5, "Alice"))),
                Map.of(stored, new GroupPlan.Stored(5, 1, "another event")));
        assertEquals(1, plan.slots.size());
        plan.slots.get(0).seq = 2;
        assertEquals(
                List.of(new Accepted(id, 5, 2, false)), plan.outcomes.get(1).accepted());
    }

    @Test
    void toolsAreCountedInAscendingIdOrder() {
        GroupPlan plan = new GroupPlan(
                List.of(request(true, draft(null, 9, "A"), draft(null, 3, "B"), draft(null, 9, "C"))), Map.of());
        assertEquals(List.of(3L, 9L), List.copyOf(plan.countsPerTool().keySet()));
        assertEquals(List.of(1, 2), List.copyOf(plan.countsPerTool().values()));
    }

    @Test
    void aNemoSourceTakesAStoredOrEarlierIdAsItsDuplicateEvenWhenTheEventDiffers() {
        UUID stored = UUID.randomUUID();
        UUID twice = UUID.randomUUID();
        ToolEventDraft first = draft(twice, 4, "Ada");
        GroupPlan plan = new GroupPlan(
                List.of(reported(draft(stored, 4, "Ada Lovelace"), first, draft(twice, 4, "Ada L."))),
                Map.of(stored, new GroupPlan.Stored(4, 17, "another fingerprint")));
        GroupPlan.Outcome outcome = plan.outcomes.get(0);
        assertNull(outcome.failure());
        assertEquals(1, plan.slots.size(), "only the event stored nowhere is new");
        assertEquals(first, plan.slots.get(0).draft);
        plan.slots.get(0).seq = 18;
        assertEquals(
                List.of(
                        new Accepted(stored, 4, 17, true),
                        new Accepted(twice, 4, 18, false),
                        new Accepted(twice, 4, 18, true)),
                outcome.accepted());
    }

    private static PendingRequest request(boolean batch, ToolEventDraft... drafts) {
        return new PendingRequest(
                List.of(drafts),
                batch ? PendingRequest.Reuse.REFUSED_AT_INDEX : PendingRequest.Reuse.REFUSED,
                null,
                null);
    }

    private static PendingRequest reported(ToolEventDraft... drafts) {
        return new PendingRequest(List.of(drafts), PendingRequest.Reuse.DUPLICATE, null, null);
    }

    private static ToolEventDraft draft(UUID id, long tool, String user) {
        return Drafts.draft(id, EventType.TOOL_ENABLED, tool, null, user);
    }
}
