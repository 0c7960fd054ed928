package nemo.mqtt.monitor.web;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import nemo.mqtt.monitor.feed.FeedMessage;
import nemo.mqtt.monitor.feed.LiveFeed;

/** The live page: the latest messages rendered on the server, then each new one as it arrives. */
@Path("/")
public class HomeResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<FeedMessage> messages, long lastId);
    }

    private static final int FIRST_PAINT = 100;

    private final LiveFeed feed;

    HomeResource(LiveFeed feed) {
        this.feed = feed;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance index() {
        List<FeedMessage> recent = feed.newestFirst(FIRST_PAINT);
        return Templates.index(recent, recent.isEmpty() ? feed.lastId() : recent.get(0).id());
    }
}
