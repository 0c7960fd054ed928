package nemo.mqtt.bridge.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Which replica owns which shard, without Redis: the promises in {@link ShardAssignment}'s doc. */
class ShardAssignmentTest {

    private static List<String> replicas(int n) {
        return IntStream.range(0, n).mapToObj(i -> "bridge-" + (char) ('a' + i)).toList();
    }

    private static Map<String, Set<Integer>> assign(List<String> live, int shards) {
        Map<String, Set<Integer>> owned = new HashMap<>();
        for (String replica : live) {
            owned.put(replica, ShardAssignment.shardsFor(replica, live, shards));
        }
        return owned;
    }

    @Test
    void everyShardHasExactlyOneOwnerAndCountsDifferByAtMostOne() {
        for (int shards = 1; shards <= 32; shards++) {
            for (int n = 1; n <= 10; n++) {
                Map<String, Set<Integer>> owned = assign(replicas(n), shards);
                List<Integer> all = new ArrayList<>();
                owned.values().forEach(all::addAll);
                Collections.sort(all);
                assertEquals(IntStream.range(0, shards).boxed().toList(), all, shards + " shards, " + n + " replicas");
                int most = owned.values().stream().mapToInt(Set::size).max().orElseThrow();
                int least = owned.values().stream().mapToInt(Set::size).min().orElseThrow();
                assertTrue(most - least <= 1, shards + " shards, " + n + " replicas: " + owned);
            }
        }
    }

    @Test
    void theSpreadIsPinned() {
        List<String> live = List.of("bridge-a", "bridge-b", "bridge-c");
        assertEquals(Set.of(0, 3, 6), ShardAssignment.shardsFor("bridge-a", live, 8));
        assertEquals(Set.of(1, 4, 7), ShardAssignment.shardsFor("bridge-b", live, 8));
        assertEquals(Set.of(2, 5), ShardAssignment.shardsFor("bridge-c", live, 8));
    }

    @Test
    void everyReplicaComputesTheSameWhateverOrderItSeesTheMembersIn() {
        List<String> live = new ArrayList<>(List.of("pod-7", "pod-2", "pod-10", "pod-1", "pod-2"));
        Map<String, Set<Integer>> reference = assign(List.of("pod-1", "pod-10", "pod-2", "pod-7"), 16);
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(live, random);
            for (String replica : Set.copyOf(live)) {
                assertEquals(reference.get(replica), ShardAssignment.shardsFor(replica, live, 16), live.toString());
            }
        }
    }

    @Test
    void aReplicaNotAmongTheLiveOnesOwnsNothing() {
        assertEquals(Set.of(), ShardAssignment.shardsFor("bridge-z", List.of("bridge-a", "bridge-b"), 8));
        assertEquals(Set.of(), ShardAssignment.shardsFor("bridge-a", List.of(), 8));
        assertEquals(Set.of(0), ShardAssignment.shardsFor("bridge-a", List.of("bridge-a"), 1));
    }

    @Test
    void aLoneReplicaOwnsEveryShard() {
        assertEquals(
                Set.copyOf(IntStream.range(0, 8).boxed().toList()),
                ShardAssignment.shardsFor("bridge-a", List.of("bridge-a"), 8));
    }

    /**
     * What a join or leave moves today. Ownership follows the name order (s mod n), so a join moves
     * far more than the minimum (12 shards, 3 to 4 replicas: 9 change hands where 3 would do); the
     * leases keep the handoff safe, it only costs replays. Pinned so a change to a sticky assignment
     * is a deliberate one; a leave undoes a join exactly.
     */
    @Test
    void aJoinOrLeaveMovesShardsByTheNameOrder() {
        int shards = 12;
        Map<String, Set<Integer>> before = assign(replicas(3), shards);
        Map<String, Set<Integer>> after = assign(replicas(4), shards);
        assertEquals(Set.of(3, 7, 11), after.get("bridge-d"));
        int moved = 0;
        for (int shard = 0; shard < shards; shard++) {
            if (!owner(before, shard).equals(owner(after, shard))) {
                moved++;
            }
        }
        assertEquals(9, moved, "shards that change owner on a join");
        for (String replica : replicas(3)) {
            assertEquals(3, after.get(replica).size(), "each keeps an even share");
        }
        assertEquals(before, assign(replicas(3), shards), "the leave restores the earlier assignment");
    }

    @Test
    void shardsOfALeavingReplicaGoOnlyToSurvivors() {
        int shards = 16;
        List<String> live = replicas(4);
        List<String> without = live.stream().filter(r -> !r.equals("bridge-b")).toList();
        Map<String, Set<Integer>> after = assign(without, shards);
        Set<Integer> covered = new HashSet<>();
        after.values().forEach(covered::addAll);
        assertEquals(shards, covered.size());
        assertTrue(after.keySet().stream().noneMatch("bridge-b"::equals));
    }

    private static String owner(Map<String, Set<Integer>> owned, int shard) {
        return owned.entrySet().stream()
                .filter(e -> e.getValue().contains(shard))
                .findFirst()
                .orElseThrow()
                .getKey();
    }
}
