package nemo.mqtt.monitor.feed;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;

import nemo.mqtt.monitor.MonitorConfig;

/**
 * The last messages (bounded) and the browsers following them. A new follower first gets what it
 * missed since its Last-Event-ID, then live messages, with no gap and no repeat: both happen under
 * one lock with the append. Event ids are {@code <run>-<n>}, the run naming this process: an id
 * from an earlier run or another replica cannot name a range here, so it replays the whole buffer
 * (pages drop what they already have by event_id).
 */
@ApplicationScoped
public class LiveFeed {

    private final int capacity;
    private final Deque<FeedMessage> recent = new ArrayDeque<>();
    private final Set<MultiEmitter<? super FeedMessage>> followers = new CopyOnWriteArraySet<>();
    private final String run = Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);
    private long lastId;

    LiveFeed(MonitorConfig config) {
        this.capacity = config.bufferSize();
    }

    public synchronized FeedMessage append(
            String topic, ReadMessage read, int qos, boolean retained, Instant receivedAt) {
        FeedMessage message = new FeedMessage(
                ++lastId,
                topic,
                read.payload(),
                qos,
                retained,
                receivedAt,
                read.text("event"),
                read.text("event_id"),
                read.number("tool_id"),
                read.text("tool_name"),
                Sentences.describe(topic, read),
                read.signed());
        recent.addLast(message);
        if (recent.size() > capacity) {
            recent.removeFirst();
        }
        followers.forEach(follower -> follower.emit(message));
        return message;
    }

    /** Messages with an id above {@code afterId} that are still buffered, oldest first. */
    public synchronized List<FeedMessage> after(long afterId) {
        List<FeedMessage> missed = new ArrayList<>();
        for (FeedMessage message : recent) {
            if (message.id() > afterId) {
                missed.add(message);
            }
        }
        return missed;
    }

    /** Up to {@code limit} of the latest messages, newest first. */
    public synchronized List<FeedMessage> newestFirst(int limit) {
        List<FeedMessage> newest = new ArrayList<>(Math.min(limit, recent.size()));
        var it = recent.descendingIterator();
        while (it.hasNext() && newest.size() < limit) {
            newest.add(it.next());
        }
        return newest;
    }

    /**
     * Replays what came after {@code afterId}, then follows live. A browser that cannot keep up has
     * its stream ended once two buffers' worth are waiting: it reconnects with Last-Event-ID and
     * catches up from the buffer, instead of the server holding an ever longer queue for it.
     */
    public Multi<FeedMessage> follow(long afterId) {
        return Multi.createFrom()
                .<FeedMessage>emitter(emitter -> {
                    synchronized (this) {
                        after(afterId).forEach(emitter::emit);
                        followers.add(emitter);
                    }
                    emitter.onTermination(() -> followers.remove(emitter));
                })
                .onOverflow()
                .buffer(capacity * 2);
    }

    /** The SSE id of a message. */
    public String eventId(FeedMessage message) {
        return run + "-" + message.id();
    }

    /**
     * Where a follower resumes: after the message a Last-Event-ID of this run names; after nothing
     * (the whole buffer) for an id of another run or a bare {@code 0}; live only without an id.
     */
    public synchronized long resumeAfter(String eventId) {
        if (eventId == null || eventId.isBlank()) {
            return lastId;
        }
        String id = eventId.strip();
        int dash = id.lastIndexOf('-');
        if (dash > 0 && !id.substring(0, dash).equals(run)) {
            return 0;
        }
        try {
            return Long.parseLong(id.substring(dash + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public int followers() {
        return followers.size();
    }
}
