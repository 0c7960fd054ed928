package nemo.mqtt.emitter.store;

import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;

import nemo.mqtt.emitter.event.ToolEventDraft;
import nemo.mqtt.emitter.store.EventStore.Accepted;

/**
 * One request waiting for the group commit: its events (each with its event_id, a random one when
 * the client sent none, and its fingerprint, both fixed here so a retry of the group alone keeps
 * them) and where its answer goes.
 */
final class PendingRequest {

    final List<ToolEventDraft> drafts;
    final List<UUID> eventIds;
    final List<String> fingerprints;
    /** What an event_id stored before (or earlier in the group) with a different event means. */
    final Reuse reuse;

    private final UniEmitter<? super List<Accepted>> answer;
    /** The Vert.x context the request arrived on, where its answer is given (null outside Vert.x). */
    private final Context context;

    PendingRequest(
            List<ToolEventDraft> drafts, Reuse reuse, UniEmitter<? super List<Accepted>> answer, Context context) {
        this.drafts = drafts;
        this.eventIds = drafts.stream()
                .map(d -> d.eventId() != null ? d.eventId() : UUID.randomUUID())
                .toList();
        this.fingerprints = drafts.stream().map(ToolEventDraft::fingerprint).toList();
        this.reuse = reuse;
        this.answer = answer;
        this.context = context;
    }

    /** Events stored inside a caller's transaction: nobody waits for an answer. */
    PendingRequest(List<ToolEventDraft> drafts, Reuse reuse) {
        this(drafts, reuse, null, null);
    }

    /** What an event_id that was stored with a different event means for a request. */
    enum Reuse {
        /** Refused: {@link EventIdReusedException} with index -1 (a client's single event). */
        REFUSED,
        /** Refused: {@link EventIdReusedException} with the event's index (a client's array body). */
        REFUSED_AT_INDEX,
        /**
         * A duplicate: a source of NEMO's rows (change data capture) reports an event again after a
         * restart, or as the poller reported it a little differently (NemoEventIds gives both one id).
         */
        DUPLICATE
    }

    int size() {
        return drafts.size();
    }

    /** Answers the request (after its group committed): one result per event, in order. */
    void complete(List<Accepted> accepted) {
        onContext(() -> answer.complete(accepted));
    }

    void fail(Throwable failure) {
        onContext(() -> answer.fail(failure));
    }

    private void onContext(Runnable action) {
        if (context == null) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }
}
