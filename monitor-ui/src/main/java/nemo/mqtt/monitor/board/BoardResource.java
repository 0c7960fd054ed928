package nemo.mqtt.monitor.board;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.NonBlocking;

import nemo.mqtt.monitor.feed.SseStream;

/**
 * The tool board. Cards are rendered once, here, by the same template fragment for the first paint
 * and for every update pushed over server-sent events, so the page and the updates never disagree.
 */
@Path("/")
public class BoardResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance board(
                List<ToolCard> cards, Map<ToolStateView, Integer> counts, ToolStateView[] states);

        static native TemplateInstance board$card(ToolCard card);
    }

    @Inject
    ToolBoard board;
    /**
     * Each change reaches every open board: render its card once and share the HTML. Weak keys: an
     * entry lives as long as some board still has the change to send.
     */
    private final Map<ToolCard, String> rendered = Collections.synchronizedMap(new WeakHashMap<>());

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        return Templates.board(board.cards(), board.countByState(), ToolStateView.values());
    }

    /**
     * Every card now, then "current" (the ids of all tools, as JSON), then each change: a "card"
     * event with the card's HTML, or "remove" with a tool's id.
     */
    @GET
    @Path("board/feed")
    @NonBlocking // a void method would otherwise run on a worker thread; nothing here blocks
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void follow(@Context Sse sse, @Context SseEventSink sink) {
        // through SseStream, as /feed: a browser that goes away mid-write ends its stream without a log line
        SseStream.send(board.follow().map(change -> event(sse, change)), sink, sse);
    }

    private OutboundSseEvent event(Sse sse, BoardChange change) {
        if (change instanceof BoardChange.Shown shown) {
            String html = rendered.computeIfAbsent(
                    shown.card(), card -> Templates.board$card(card).render());
            return sse.newEventBuilder()
                    .name("card")
                    .mediaType(MediaType.TEXT_PLAIN_TYPE)
                    .data(html)
                    .reconnectDelay(2000)
                    .build();
        }
        if (change instanceof BoardChange.Removed removed) {
            return sse.newEventBuilder()
                    .name("remove")
                    .data(Long.toString(removed.toolId()))
                    .build();
        }
        return sse.newEventBuilder()
                .name("current")
                .data(((BoardChange.Current) change).toolIds().toString())
                .build();
    }
}
