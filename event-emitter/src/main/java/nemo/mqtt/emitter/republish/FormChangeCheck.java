package nemo.mqtt.emitter.republish;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.jboss.logging.Logger;

import nemo.mqtt.emitter.EmitterConfig;
import nemo.mqtt.emitter.event.DisplayConfig;
import nemo.mqtt.emitter.outbox.OutboxRelay;

/**
 * At start: when what the retained messages look like changed since they were last all published
 * (signing key, topic prefix, display time zone, payload form; see {@link FormFingerprint}), every
 * tool's are published again and the new fingerprint stored, in ONE transaction that holds the
 * fingerprint row's lock: of several replicas starting together one does it, the others then find
 * the new fingerprint; a crash midway leaves the old one, so the next start does it again. A start
 * that cannot do it (PostgreSQL away) goes on and retries from the request poll.
 */
@ApplicationScoped
public class FormChangeCheck {

    /** The reason counted and logged for this republish. */
    public static final String REASON = "form_changed";

    private static final Logger LOG = Logger.getLogger(FormChangeCheck.class);

    /** The one row (V10__emitter_form.sql), locked: of several replicas starting together one acts. */
    private static final String LOCK = "select fingerprint from emitter_form where id = 1 for update";

    private static final String SAVE = """
            insert into emitter_form (id, fingerprint, updated_at) values (1, $1, $2)
            on conflict (id) do update set fingerprint = excluded.fingerprint, updated_at = excluded.updated_at""";

    @Inject
    Republisher republisher;

    @Inject
    OutboxRelay relay;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    @Inject
    Vertx vertx;

    @Inject
    RepublishConfig config;

    private final String fingerprint;
    private volatile boolean pending = true;

    FormChangeCheck(EmitterConfig emitter, DisplayConfig display) {
        this.fingerprint = FormFingerprint.of(emitter.signing().key(), emitter.topicPrefix(), display.timeZone());
    }

    /** Runs the check before the service is up, so what it publishes first is in the current form. */
    void onStart(@Observes StartupEvent start) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> check().subscribe().with(done::complete, done::completeExceptionally));
        try {
            done.get(config.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warnf("Could not compare the retained messages' form at start, retrying shortly: %s", e.getMessage());
        }
    }

    /** Checks again if the start could not; called by the request poll (on a Vert.x context). */
    Uni<Void> retryIfPending() {
        return pending ? check().replaceWithVoid() : Uni.createFrom().voidItem();
    }

    /** Compares, republishes if changed; answers whether it did. */
    Uni<Boolean> check() {
        return pool.withTransaction(connection -> connection
                        .preparedQuery(LOCK)
                        .execute()
                        .chain(rows -> {
                            String stored = rows.size() == 0
                                    ? null
                                    : rows.iterator().next().getString(0);
                            if (fingerprint.equals(stored)) {
                                return Uni.createFrom().item(false);
                            }
                            LOG.infof(
                                    "The retained messages' form changed (signing key, topic prefix, display time zone or payload form): "
                                            + "publishing every tool's again");
                            registry.counter("nemo.republish", "reason", REASON).increment();
                            return republisher
                                    .republishAllWithin(connection)
                                    .call(tools -> {
                                        LOG.infof("Republish (%s): %d tools queued", REASON, tools);
                                        return connection
                                                .preparedQuery(SAVE)
                                                .execute(Tuple.of(fingerprint, OffsetDateTime.now(ZoneOffset.UTC)));
                                    })
                                    .replaceWith(true);
                        }))
                .invoke(republished -> {
                    pending = false;
                    if (republished) {
                        relay.wake();
                    }
                });
    }
}
