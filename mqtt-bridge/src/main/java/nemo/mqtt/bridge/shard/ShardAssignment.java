package nemo.mqtt.bridge.shard;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which shards a replica should own, given the live replicas: shard s goes to the (s mod n)-th
 * replica in name order. Every replica computes the same answer from the same membership and shards
 * spread evenly (counts differ by at most one). A join or leave is not minimal: most shards change
 * hands (the leases make each handoff safe; it costs replays), see ShardAssignmentTest.
 */
public final class ShardAssignment {

    private ShardAssignment() {}

    public static Set<Integer> shardsFor(String replica, List<String> liveReplicas, int shardCount) {
        List<String> members = liveReplicas.stream().distinct().sorted().toList();
        int index = members.indexOf(replica);
        Set<Integer> shards = new TreeSet<>();
        if (index < 0) {
            return shards;
        }
        for (int shard = index; shard < shardCount; shard += members.size()) {
            shards.add(shard);
        }
        return shards;
    }
}
