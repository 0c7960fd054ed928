package nemo.mqtt.bridge.stream;

import java.util.List;

/**
 * Where a shard reader is in publishing its own pending entries again on a connection: after
 * every new connection (a new generation) it reads them from the start of its pending list, batch
 * by batch, and only once a read finds none left do new entries flow. Plain state, no I/O: the
 * reader asks {@link #replaying(long)} before each read and reports each batch with
 * {@link #read(long, List)}.
 */
final class Replay {

    /** The connection this state is about; -1 before the first. */
    private long generation = -1;
    /** Whether the replay on {@link #generation} has finished. */
    private boolean done;
    /** The id of the last pending entry read on {@link #generation}: the next read starts after it. */
    private String cursor = Streams.PENDING_FROM_START;

    /**
     * @return true if the next read on connection {@code generation} is from the pending list (a
     *         new generation starts the replay over from the start), false once it has finished
     */
    boolean replaying(long generation) {
        if (this.generation != generation) {
            this.generation = generation;
            this.done = false;
            this.cursor = Streams.PENDING_FROM_START;
        }
        return !done;
    }

    /** The id to read pending entries after ({@link Streams#PENDING_FROM_START} at first). */
    String cursor() {
        return cursor;
    }

    /**
     * Records the pending entries read on connection {@code generation}, in stream order: the next
     * read goes on after the last of them, and a read that found none ends the replay.
     */
    void read(long generation, List<Entry> batch) {
        if (this.generation != generation) {
            return; // a batch of an earlier connection: that replay is over
        }
        if (batch.isEmpty()) {
            done = true;
        } else {
            cursor = batch.get(batch.size() - 1).id();
        }
    }

    /**
     * Starts the replay over from the start of the pending list at the next read, whatever the
     * connection: after a failed Redis step (a read whose reply was lost left entries pending
     * unseen) or when pending entries are due for a recheck.
     */
    void restart() {
        generation = -1;
    }
}
