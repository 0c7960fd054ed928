package nemo.mqtt.monitor.security;

import java.util.Map;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.multipart.FormData;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import nemo.mqtt.monitor.MonitorConfig;

/**
 * No form field may be longer than {@code nemo.monitor.max-field-size} (64 KiB: a 4096-bit key or a
 * CA bundle fits many times over). A longer one gets 413 with a sentence saying so, as JSON for the
 * settings page's "Test connection" (issue 14: Quarkus' own 2 KiB limit answered an empty page, and
 * its error escaped the resource's error handling with a stack trace). Quarkus' limit
 * ({@code quarkus.http.limits.max-form-attribute-size}) stays far above this one as a backstop.
 */
public class FormFieldLimit {

    private final long maxChars;

    FormFieldLimit(MonitorConfig config) {
        this.maxChars = config.maxFieldSize().asLongValue();
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    @WithFormRead
    public Response check(ResteasyReactiveContainerRequestContext request, HttpHeaders headers) {
        FormData form = ((ResteasyReactiveRequestContext) request.getServerRequestContext()).getFormData();
        if (form == null) {
            return null;
        }
        for (String name : form) {
            for (FormValue value : form.get(name)) {
                if (!value.isFileItem()
                        && value.getValue() != null
                        && value.getValue().length() > maxChars) {
                    return tooLarge(name, headers);
                }
            }
        }
        return null;
    }

    private Response tooLarge(String field, HttpHeaders headers) {
        String name = (field.length() > 64 ? field.substring(0, 64) : field).replaceAll("[^A-Za-z0-9_-]", "?");
        String sentence = "The field " + name + " is larger than the monitor accepts (" + maxChars / 1024
                + " KiB per field): certificates and keys must be smaller.";
        return Refusal.of(413, sentence, headers.getAcceptableMediaTypes(), Map.of(name, sentence));
    }
}
