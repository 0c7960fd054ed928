package nemo.mqtt.monitor.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A signed-in person without the role a page needs gets a page that says so and links back to the board. */
public class Forbidden {

    @CheckedTemplate(basePath = "Forbidden")
    static class Templates {
        static native TemplateInstance forbidden();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException refused) {
        return Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.forbidden())
                .build();
    }
}
