package nemo.mqtt.emitter.store;

import static nemo.mqtt.emitter.EmitterApi.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import nemo.mqtt.emitter.WithPostgresAndRedis;
import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.event.ToolEventDraft;
import nemo.mqtt.emitter.store.EventStore.Accepted;

/**
 * Requests that share one group commit keep every guarantee of a request alone. One lane, held
 * busy by a request whose tool row this test locks, so the requests sent meanwhile form one group.
 */
@QuarkusTest
@TestProfile(GroupCommitTest.OneLane.class)
@WithPostgresAndRedis
class GroupCommitTest {

    public static class OneLane implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("nemo.emitter.group-commit.lanes", "1");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventStore store;

    @Inject
    Pool db;

    @Inject
    MeterRegistry registry;

    @Test
    void twoRequestsWithOneEventIdInAGroupStoreItOnceAndAnswerTheSameSeq() {
        UUID id = UUID.randomUUID();
        long groupsBefore = groups();
        List<CompletableFuture<Accepted>> answers = inOneGroup(
                9101, () -> store.accept(enabled(id, 9102, "Alice")), () -> store.accept(enabled(id, 9102, "Alice")));
        Accepted first = answers.get(0).join();
        Accepted second = answers.get(1).join();
        assertEquals(
                groupsBefore + 3,
                groups(),
                "the blocker tool's first event, the blocked one, then both requests in one");
        assertFalse(first.duplicate());
        assertTrue(second.duplicate());
        assertEquals(first.seq(), second.seq());
        assertEquals(1L, number("select count(*) from tool_event where event_id = $1", id));
    }

    @Test
    void theSameEventIdWithAnotherEventInTheSameGroupFailsOnlyThatRequest() {
        UUID id = UUID.randomUUID();
        List<CompletableFuture<Accepted>> answers = inOneGroup(
                9201,
                () -> store.accept(enabled(id, 9202, "Alice")),
                () -> store.accept(enabled(id, 9202, "Bob")),
                () -> store.accept(enabled(null, 9203, "Carol")));
        assertEquals(1, answers.get(0).join().seq());
        assertInstanceOf(EventIdReusedException.class, failure(answers.get(1)));
        assertEquals(1, answers.get(2).join().seq());
        assertEquals(1L, number("select count(*) from tool_event where tool_id = $1", 9202L));
    }

    @Test
    void aRequestPostgresRefusesFailsAloneAndTheOthersOfItsGroupAreStored() {
        String tooLong = "x".repeat(300); // tool_state.tool_name is varchar(200)
        List<CompletableFuture<Accepted>> answers = inOneGroup(
                9301,
                () -> store.accept(enabled(null, 9302, "Alice")),
                () -> store.accept(named(9303, tooLong)),
                () -> store.accept(enabled(null, 9302, "Bob")));
        assertEquals(1, answers.get(0).join().seq());
        assertTrue(
                failure(answers.get(1)).getMessage().contains("too long"),
                failure(answers.get(1)).getMessage());
        assertEquals(
                2, answers.get(2).join().seq(), "the group was stored again without the failing request, in order");
        assertEquals(0L, number("select count(*) from tool_event where tool_id = $1", 9303L));
    }

    @Test
    void aBatchInAGroupIsStoredAllOrNothing() {
        List<CompletableFuture<List<Accepted>>> answers = inOneGroup(
                9401,
                () -> store.acceptAll(List.of(enabled(null, 9402, "Alice"), named(9403, "x".repeat(300)))),
                () -> store.acceptAll(List.of(enabled(null, 9404, "Bob"), enabled(null, 9402, "Carol"))));
        assertTrue(failure(answers.get(0)).getMessage().contains("too long"));
        List<Accepted> stored = answers.get(1).join();
        assertEquals(
                List.of(9404L, 9402L), stored.stream().map(Accepted::toolId).toList());
        assertEquals(
                List.of(1L, 1L),
                stored.stream().map(Accepted::seq).toList(),
                "the failed batch's event of 9402 took no seq");
        assertEquals(0L, number("select count(*) from tool_event where tool_id = $1 and seq > 1", 9402L));
        assertEquals(0L, number("select count(*) from outbox where tool_id = $1", 9403L));
    }

    @Test
    void aRetryOfAStoredEventInAGroupTakesNoSeqFromTheEventsAfterIt() {
        UUID stored = UUID.randomUUID();
        store.accept(enabled(stored, 9602, "Alice")).await().atMost(WAIT);
        List<CompletableFuture<Accepted>> answers = inOneGroup(
                9601,
                () -> store.accept(enabled(stored, 9602, "Alice")),
                () -> store.accept(enabled(null, 9602, "Bob")));
        assertTrue(answers.get(0).join().duplicate());
        assertEquals(1, answers.get(0).join().seq());
        assertEquals(2, answers.get(1).join().seq(), "no gap: the seqs claimed as if both were new were given back");
        assertEquals(2L, number("select last_seq from tool_state where tool_id = $1", 9602L));
    }

    @Test
    void aStoredEventThatMakesAnotherRequestOfTheGroupNewOrRefusedIsPlannedAgain() {
        UUID stored = UUID.randomUUID();
        store.accept(enabled(stored, 9702, "Bob")).await().atMost(WAIT);
        // as if nothing were stored, the second request would fail on the first's event_id and the
        // first be new; knowing what is stored, the first is refused and the second goes in
        List<CompletableFuture<List<Accepted>>> answers = inOneGroup(
                9701,
                () -> store.acceptAll(List.of(enabled(stored, 9703, "Alice"))),
                () -> store.acceptAll(List.of(enabled(stored, 9702, "Bob"), enabled(null, 9704, "Carol"))));
        assertInstanceOf(EventIdReusedException.class, failure(answers.get(0)));
        List<Accepted> second = answers.get(1).join();
        assertTrue(second.get(0).duplicate());
        assertEquals(List.of(1L, 1L), second.stream().map(Accepted::seq).toList());
        assertEquals(1L, number("select last_seq from tool_state where tool_id = $1", 9704L));
        assertEquals(
                0L,
                number("select count(*) from tool_state where tool_id = $1", 9703L),
                "the refused request's tool was claimed first, then rolled back");
    }

    @Test
    void aToolWhoseStateThisEmitterCommittedIsWrittenInOneRoundTrip() {
        store.accept(enabled(null, 9801, "Alice")).await().atMost(WAIT);
        double oneTrip = counter("nemo.events.group.one.trip");
        double readAgain = counter("nemo.events.group.read.again");
        Accepted second = store.accept(enabled(null, 9801, "Bob")).await().atMost(WAIT);
        assertEquals(2, second.seq());
        assertEquals(oneTrip + 1, counter("nemo.events.group.one.trip"));
        assertEquals(readAgain, counter("nemo.events.group.read.again"));
        assertEquals(2L, number("select last_seq from tool_state where tool_id = $1", 9801L));
        assertEquals(1L, number("select count(*) from tool_state where tool_id = $1 and user_name = 'Bob'", 9801L));
        assertEquals(1L, number("select count(*) from outbox where tool_id = $1 and seq = 2", 9801L));
    }

    @Test
    void aStateAnotherWriterChangedIsReadAgainAndTheSeqsStayGapless() {
        store.accept(enabled(null, 9811, "Alice")).await().atMost(WAIT);
        // as another emitter or the NEMO poller would: its own seqs, its own state
        db.preparedQuery("update tool_state set last_seq = last_seq + 3, user_name = 'Mallory', updated_at = now()"
                        + " where tool_id = $1")
                .execute(Tuple.of(9811L))
                .await()
                .atMost(WAIT);
        double readAgain = counter("nemo.events.group.read.again");
        Accepted next = store.accept(named(9811, "Tool renamed")).await().atMost(WAIT);
        assertEquals(5, next.seq(), "after the other writer's seqs 2-4");
        assertEquals(readAgain + 1, counter("nemo.events.group.read.again"));
        assertEquals(
                1L,
                number(
                        "select count(*) from tool_state where tool_id = $1 and last_seq = 5 and user_name = 'Mallory'"
                                + " and tool_name = 'Tool renamed'",
                        9811L),
                "the state built on the other writer's, not on the one this emitter kept");
    }

    @Test
    void aStateAnotherTransactionChangesWhileTheOneTripWriteWaitsForItsRowIsReadAgain() {
        store.accept(enabled(null, 9821, "Alice")).await().atMost(WAIT);
        double readAgain = counter("nemo.events.group.read.again");
        SqlConnection other = db.getConnection().await().atMost(WAIT);
        try {
            other.query("begin").execute().await().atMost(WAIT);
            other.preparedQuery("update tool_state set last_seq = last_seq + 1, user_name = 'Mallory',"
                            + " updated_at = clock_timestamp() where tool_id = $1")
                    .execute(Tuple.of(9821L))
                    .await()
                    .atMost(WAIT);
            CompletableFuture<Accepted> waiting =
                    store.accept(named(9821, "Tool renamed")).subscribeAsCompletionStage();
            Awaitility.await()
                    .atMost(WAIT)
                    .until(() -> number("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                                    + " and query like 'with locked as%'")
                            == 1L);
            assertFalse(waiting.isDone());
            other.query("commit").execute().await().atMost(WAIT);
            assertEquals(3, waiting.join().seq(), "after the other transaction's seq 2");
        } finally {
            other.closeAndAwait();
        }
        assertEquals(readAgain + 1, counter("nemo.events.group.read.again"));
        assertEquals(
                1L,
                number(
                        "select count(*) from tool_state where tool_id = $1 and last_seq = 3 and user_name = 'Mallory'"
                                + " and tool_name = 'Tool renamed'",
                        9821L));
    }

    @Test
    void aOneTripGroupLocksItsToolsRowsInAscendingToolIdAsEveryOtherWriterDoes() {
        // rows stored in the other order, so the heap does not give the ascending order by itself
        store.accept(enabled(null, 9852, "Alice")).await().atMost(WAIT);
        store.accept(enabled(null, 9851, "Alice")).await().atMost(WAIT);
        SqlConnection holder = db.getConnection().await().atMost(WAIT);
        SqlConnection prober = db.getConnection().await().atMost(WAIT);
        try {
            holder.query("begin").execute().await().atMost(WAIT);
            holder.preparedQuery("select 1 from tool_state where tool_id = $1 for update")
                    .execute(Tuple.of(9852L))
                    .await()
                    .atMost(WAIT);
            CompletableFuture<List<Accepted>> group = store.acceptAll(
                            List.of(enabled(null, 9852, "Bob"), enabled(null, 9851, "Bob")))
                    .subscribeAsCompletionStage();
            Awaitility.await()
                    .atMost(WAIT)
                    .until(() -> number("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                                    + " and query like 'with locked as%'")
                            == 1L);
            prober.query("begin").execute().await().atMost(WAIT);
            Throwable refused = assertThrows(
                    RuntimeException.class,
                    () -> prober.preparedQuery("select 1 from tool_state where tool_id = $1 for update nowait")
                            .execute(Tuple.of(9851L))
                            .await()
                            .atMost(WAIT));
            assertTrue(
                    refused.getMessage().contains("could not obtain lock"),
                    "the group holds 9851's row while it waits for 9852's: " + refused.getMessage());
            prober.query("rollback").execute().await().atMost(WAIT);
            holder.query("rollback").execute().await().atMost(WAIT);
            assertEquals(
                    List.of(2L, 2L), group.join().stream().map(Accepted::seq).toList());
        } finally {
            holder.closeAndAwait();
            prober.closeAndAwait();
        }
    }

    @Test
    void aRetryOfAKnownToolsStoredEventIsAnsweredAsADuplicate() {
        UUID id = UUID.randomUUID();
        Accepted first = store.accept(enabled(id, 9831, "Alice")).await().atMost(WAIT);
        store.accept(enabled(null, 9831, "Bob")).await().atMost(WAIT);
        Accepted retry = store.accept(enabled(id, 9831, "Alice")).await().atMost(WAIT);
        assertTrue(retry.duplicate());
        assertEquals(first.seq(), retry.seq());
        Accepted after = store.accept(enabled(null, 9831, "Carol")).await().atMost(WAIT);
        assertEquals(3, after.seq(), "the retry took no seq");
        assertEquals(3L, number("select count(*) from tool_event where tool_id = $1", 9831L));
    }

    /**
     * Locks {@code blockerTool}'s state row, starts a request for it (it takes the only lane and waits
     * for the lock), sends {@code requests} (they wait for the lane, together), then lets go.
     */
    @SafeVarargs
    private <T> List<CompletableFuture<T>> inOneGroup(long blockerTool, Supplier<Uni<T>>... requests) {
        store.accept(enabled(null, blockerTool, "Blocker")).await().atMost(WAIT);
        SqlConnection lock = db.getConnection().await().atMost(WAIT);
        try {
            lock.query("begin").execute().await().atMost(WAIT);
            lock.preparedQuery("select 1 from tool_state where tool_id = $1 for update")
                    .execute(Tuple.of(blockerTool))
                    .await()
                    .atMost(WAIT);
            CompletableFuture<Accepted> blocker =
                    store.accept(enabled(null, blockerTool, "Blocked")).subscribeAsCompletionStage();
            List<CompletableFuture<T>> answers = java.util.Arrays.stream(requests)
                    .map(request -> request.get().subscribeAsCompletionStage())
                    .toList();
            assertFalse(blocker.isDone());
            lock.query("rollback").execute().await().atMost(WAIT);
            blocker.join();
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                    .handle((ok, failed) -> null)
                    .orTimeout(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
                    .join();
            return answers;
        } finally {
            lock.closeAndAwait();
        }
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    private long groups() {
        return registry.get("nemo.events.group.size").summary().count();
    }

    private static Throwable failure(CompletableFuture<?> answer) {
        try {
            answer.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    private static ToolEventDraft enabled(UUID id, long tool, String user) {
        return Drafts.draft(id, EventType.TOOL_ENABLED, tool, "Tool", user);
    }

    private static ToolEventDraft named(long tool, String name) {
        return Drafts.draft(null, EventType.TOOL_UPDATED, tool, name, null);
    }
}
