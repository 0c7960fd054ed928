package nemo.mqtt.bridge.shard;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import nemo.mqtt.bridge.stream.ShardReader;

/**
 * The readers this replica has stopped whose last read or publishes may still be under way, per
 * shard. Such a read is an XREADGROUP '>' under this replica's own consumer name: entries it
 * returns after a new reader of the same shard has replayed the pending list stay pending, unseen,
 * while the new reader publishes the entries after them. So a shard is taken again only once its
 * stopped reader is idle.
 */
final class StoppedReaders {

    private final Map<Integer, ShardReader> stopped = new ConcurrentHashMap<>();

    /** Records {@code reader}, just stopped, of {@code shard}. */
    void add(int shard, ShardReader reader) {
        stopped.put(shard, reader);
    }

    /** @return true while the stopped reader of {@code shard} still reads or publishes */
    boolean busy(int shard) {
        ShardReader reader = stopped.get(shard);
        if (reader == null) {
            return false;
        }
        if (reader.isIdle()) {
            stopped.remove(shard, reader);
            return false;
        }
        return true;
    }

    /** Completes once {@code reader} (may be null) is idle, or after {@code timeout}. */
    static Uni<Void> idle(ShardReader reader, Duration timeout) {
        if (reader == null) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom()
                .ticks()
                .every(Duration.ofMillis(20))
                .filter(tick -> reader.isIdle())
                .toUni()
                .ifNoItem()
                .after(timeout)
                .recoverWithItem(0L)
                .replaceWithVoid();
    }
}
