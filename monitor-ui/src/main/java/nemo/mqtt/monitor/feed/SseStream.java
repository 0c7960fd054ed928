package nemo.mqtt.monitor.feed;

import java.util.concurrent.Flow;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

/**
 * Writes a stream of events to one SSE client, one event at a time (the next is taken only once the
 * last is written, so a slow client holds back its own stream and nothing else). A client going away
 * is normal: a failed write or a closed connection ends the stream and cancels its source quietly.
 * Returning the Multi from the resource method instead lets Quarkus REST log every write that fails
 * after a client reset as an ERROR with a stack trace (PublisherResponseHandler: "impossible to send
 * it to client"), which a few resets of a replaying {@code /feed} turned into kilobytes of log.
 */
public final class SseStream {

    private static final Logger LOG = Logger.getLogger(SseStream.class);
    /**
     * Events written but not yet confirmed written: more than one, so a replay or a burst is not paced
     * by one event-loop turn per event (the writes queue in order on the one connection).
     */
    private static final int IN_FLIGHT = 128;

    private SseStream() {}

    /**
     * Sends {@code events} to {@code sink} until either ends: the sink is closed when the events end
     * (or fail, logged as one line at DEBUG), the events are cancelled when the client goes away.
     * Call from the resource method on the event loop: the first event is sent on the loop's next turn,
     * after Quarkus REST has written the response head and hooked the sink to the connection's closing
     * (sending from within the method ended the response before that, an ERROR of its own).
     */
    public static void send(Multi<OutboundSseEvent> events, SseEventSink sink, Sse sse) {
        Context loop = Vertx.currentContext();
        if (loop == null) {
            throw new IllegalStateException("SseStream.send is for resource methods on the event loop");
        }
        loop.runOnContext(ignored -> events.subscribe().withSubscriber(new Writer(sink, sse)));
    }

    private static final class Writer implements MultiSubscriber<OutboundSseEvent> {

        private final SseEventSink sink;
        private final Sse sse;
        private volatile Flow.Subscription subscription;

        Writer(SseEventSink sink, Sse sse) {
            this.sink = sink;
            this.sse = sse;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            // the connection closing (reset, tab closed) closes the sink; its own broadcaster tells us
            SseBroadcaster closing = sse.newBroadcaster();
            closing.onClose(closed -> subscription.cancel());
            closing.register(sink);
            if (sink.isClosed()) {
                subscription.cancel();
            } else {
                subscription.request(IN_FLIGHT);
            }
        }

        @Override
        public void onItem(OutboundSseEvent event) {
            try {
                sink.send(event).whenComplete((sent, failure) -> {
                    if (failure == null) {
                        subscription.request(1);
                    } else {
                        gone(failure);
                    }
                });
            } catch (IllegalStateException closed) { // the sink closed since the last event
                gone(closed);
            }
        }

        @Override
        public void onFailure(Throwable failure) {
            LOG.debugf("Event stream ended: %s", failure.toString());
            sink.close();
        }

        @Override
        public void onCompletion() {
            sink.close();
        }

        private void gone(Throwable why) {
            LOG.tracef("Event stream client gone: %s", why);
            subscription.cancel();
            sink.close();
        }
    }
}
