package nemo.mqtt.monitor.web;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import nemo.mqtt.monitor.MonitorConfig;

/** The live log page; its entries come from /feed, replayed from the server's buffer then live. */
@Path("/log")
public class LogResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance log(int logSize, List<EventChoice> events);
    }

    @Inject
    MonitorConfig config;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        return Templates.log(config.logSize(), EventChoice.ALL);
    }
}
