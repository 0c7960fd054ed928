package nemo.mqtt.monitor.settings;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import nemo.mqtt.monitor.MonitorConfig;
import nemo.mqtt.monitor.web.CurrentUser;

/**
 * Broker settings, admin only: shows what is in force, tests entered values against the real
 * broker, and saves them (PostgreSQL, with an audit row) before announcing them to the bridges.
 */
@Path("/settings")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@RolesAllowed(CurrentUser.ADMIN)
public class SettingsResource {

    private static final Logger LOG = Logger.getLogger(SettingsResource.class);
    private static final int HISTORY = 10;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance settings(SettingsPage page);
    }

    @Inject
    SettingsStore store;

    @Inject
    SettingsAnnouncer announcer;

    @Inject
    ConnectionTester tester;

    @Inject
    SecurityIdentity identity;

    @Inject
    SettingsSecrets secrets;

    @Inject
    MonitorConfig config;

    @ConfigProperty(name = "mp.messaging.incoming.nemo.host", defaultValue = "localhost")
    String host;

    @ConfigProperty(name = "mp.messaging.incoming.nemo.port", defaultValue = "8883")
    int port;

    /** Until an admin saves, the form starts from the broker the monitor itself uses and the bridges' defaults. */
    private BrokerSettings defaults() {
        return new BrokerSettings(
                host,
                port,
                true,
                null,
                null,
                null,
                true,
                null,
                null,
                "nemo-bridge-",
                30,
                null,
                256,
                config.topicPrefix());
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<TemplateInstance> page(@QueryParam("saved") Long savedVersion) {
        return current()
                .chain(saved -> render(
                        SettingsPage.FormValues.of(
                                saved.map(SavedSettings::settings).orElse(defaults())),
                        Map.of(),
                        savedVersion != null
                                ? "Saved as version " + savedVersion + " and announced to the bridges."
                                : null,
                        null,
                        saved));
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> save(@BeanParam SettingsForm form) {
        return current().chain(saved -> {
            BrokerSettings before = saved.map(SavedSettings::settings).orElse(null);
            SettingsForm.Validated validated = form.validate(before, secrets.available());
            if (!validated.valid()) {
                return render(SettingsPage.FormValues.of(form, before), validated.errors(), null, null, saved)
                        .map(page -> Response.status(Response.Status.BAD_REQUEST)
                                .entity(page)
                                .build());
            }
            String user = identity.getPrincipal().getName();
            return store.save(validated.settings(), user, form.basedOnVersion())
                    .chain(stored -> {
                        LOG.infof(
                                "Broker settings version %d saved by %s: %s",
                                stored.version(), user, stored.settings());
                        return announcer
                                .announce(stored)
                                .replaceWith(Response.seeOther(URI.create("/settings?saved=" + stored.version()))
                                        .build())
                                .onFailure()
                                .recoverWithUni(failure -> {
                                    LOG.warnf(
                                            "Settings version %d saved but not announced yet: %s",
                                            stored.version(), failure.getMessage());
                                    return render(
                                                    SettingsPage.FormValues.of(stored.settings()),
                                                    Map.of(),
                                                    "Saved as version " + stored.version()
                                                            + ", but Redis could not be reached: "
                                                            + "the bridges get it as soon as Redis is back.",
                                                    null,
                                                    Optional.of(stored))
                                            .map(page -> Response.ok(page).build());
                                });
                    })
                    .onFailure(SettingsConflictException.class)
                    .recoverWithUni(failure -> {
                        // the posted values stay in the form; saving again now knowingly replaces the newer version
                        SavedSettings newer = ((SettingsConflictException) failure).current();
                        String conflict = newer.updatedBy() + " saved version " + newer.version()
                                + " while you were editing. Nothing was saved: compare with what is in force now and save again.";
                        return render(
                                        SettingsPage.FormValues.of(form, before),
                                        Map.of(),
                                        null,
                                        conflict,
                                        null,
                                        Optional.of(newer))
                                .map(page -> Response.status(Response.Status.CONFLICT)
                                        .entity(page)
                                        .build());
                    });
        });
    }

    /** Tries the entered values (stored secrets where the fields were left empty) without saving anything. */
    @POST
    @Path("test")
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> testPage(@BeanParam SettingsForm form) {
        return current().chain(saved -> {
            BrokerSettings before = saved.map(SavedSettings::settings).orElse(null);
            SettingsForm.Validated validated = form.validate(before);
            Uni<ConnectionTester.Result> result = validated.valid()
                    ? tester.test(validated.settings())
                    : Uni.createFrom().nullItem();
            return result.chain(test ->
                            render(SettingsPage.FormValues.of(form, before), validated.errors(), null, test, saved))
                    .map(page -> Response.status(validated.valid() ? 200 : 400)
                            .entity(page)
                            .build());
        });
    }

    /** The same test for the page's script: JSON, so the form the admin is editing stays as it is. */
    @POST
    @Path("test")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> testJson(@BeanParam SettingsForm form) {
        return current().chain(saved -> {
            SettingsForm.Validated validated =
                    form.validate(saved.map(SavedSettings::settings).orElse(null));
            if (!validated.valid()) {
                return Uni.createFrom()
                        .item(Response.status(400)
                                .entity(Map.of(
                                        "ok",
                                        false,
                                        "message",
                                        "Correct the highlighted fields first.",
                                        "errors",
                                        validated.errors()))
                                .build());
            }
            return tester.test(validated.settings())
                    .map(test -> Response.ok(test).build());
        });
    }

    private Uni<Optional<SavedSettings>> current() {
        return store.current();
    }

    private Uni<TemplateInstance> render(
            SettingsPage.FormValues values,
            Map<String, String> errors,
            String notice,
            ConnectionTester.Result test,
            Optional<SavedSettings> saved) {
        return render(values, errors, notice, null, test, saved);
    }

    private Uni<TemplateInstance> render(
            SettingsPage.FormValues values,
            Map<String, String> errors,
            String notice,
            String conflict,
            ConnectionTester.Result test,
            Optional<SavedSettings> saved) {
        return store.history(HISTORY)
                .map(history -> Templates.settings(new SettingsPage(
                        values,
                        errors,
                        notice,
                        conflict,
                        test,
                        saved.orElse(null),
                        List.copyOf(history),
                        config.topicPrefix())));
    }
}
