package nemo.mqtt.monitor.feed;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import io.smallrye.common.annotation.NonBlocking;

/** Server-sent events of the live feed; a reconnecting browser sends Last-Event-ID and gets what it missed. */
@Path("/feed")
public class FeedResource {

    @Inject
    LiveFeed feed;

    /**
     * Where to resume: Last-Event-ID on a reconnect, {@code ?after=} from a page that opens or reopens
     * the stream itself ({@code 0}: everything buffered); without either, live messages only. Written
     * through {@link SseStream}, so a client resetting the connection mid-replay logs nothing.
     */
    @GET
    @NonBlocking // a void method would otherwise run on a worker thread; nothing here blocks
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void follow(
            @HeaderParam("Last-Event-ID") String lastEventId,
            @QueryParam("after") String after,
            @Context Sse sse,
            @Context SseEventSink sink) {
        SseStream.send(
                feed.follow(feed.resumeAfter(lastEventId != null ? lastEventId : after))
                        .map(message -> event(sse, message)),
                sink,
                sse);
    }

    private OutboundSseEvent event(Sse sse, FeedMessage message) {
        return sse.newEventBuilder()
                .id(feed.eventId(message))
                .name("message")
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(FeedMessage.class, message)
                .reconnectDelay(2000)
                .build();
    }
}
