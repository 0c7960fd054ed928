package nemo.mqtt.monitor.settings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import nemo.mqtt.service.StreamsConfig;
import nemo.mqtt.wire.SettingsDocument;

/**
 * Announces the saved settings to the bridges through Redis, the only store every bridge replica
 * reads. PostgreSQL stays the record: a periodic check re-announces when Redis lost or missed a
 * save (it was down, or was flushed), or holds a secret in clear (announced by an earlier version),
 * so bridges converge without anyone saving again.
 */
@ApplicationScoped
public class SettingsAnnouncer {

    private static final Logger LOG = Logger.getLogger(SettingsAnnouncer.class);

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    SettingsStore store;

    @Inject
    ObjectMapper mapper;

    @Inject
    SettingsSecrets secrets;

    @Inject
    StreamsConfig streams;

    /** Where the bridges read the announced settings. */
    private String key() {
        return streams.settingsKey();
    }

    public Uni<Void> announce(SavedSettings saved) {
        // sealing fails without a key: a failed announcement, never a secret in clear in Redis
        return Uni.createFrom()
                .item(() -> document(saved))
                .chain(json -> redis.value(String.class).set(key(), json));
    }

    @Scheduled(
            every = "${nemo.monitor.reannounce-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reannounceIfMissed() {
        return store.current()
                .chain(current -> current.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : announcedVersion()
                                .chain(announced -> announced == current.get().version()
                                        ? Uni.createFrom().voidItem()
                                        : announce(current.get())
                                                .invoke(() -> LOG.infof(
                                                        "Re-announced broker settings version %d",
                                                        current.get().version()))))
                .onFailure()
                .recoverWithUni(failure -> {
                    if (failure instanceof IllegalStateException secrets) {
                        // the encryption key is missing or differs from the one that sealed them: say so
                        LOG.warnf("Settings not re-announced: %s", secrets.getMessage());
                    } else {
                        LOG.debugf("Settings not re-announced: %s", failure.getMessage());
                    }
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * The version Redis holds; -1 (announce again) when there is none, or when its document still
     * carries a secret in clear, as an earlier version of the monitor announced them.
     */
    private Uni<Long> announcedVersion() {
        return redis.value(String.class).get(key()).map(json -> {
            try {
                JsonNode announced = json == null ? null : mapper.readTree(json);
                if (announced == null
                        || inClear(announced, SettingsSecrets.PASSWORD)
                        || inClear(announced, SettingsSecrets.CLIENT_KEY)) {
                    return -1L;
                }
                return announced.path("version").asLong(-1);
            } catch (Exception malformed) {
                return -1L;
            }
        });
    }

    private static boolean inClear(JsonNode announced, String field) {
        String value = announced.path(field).asText("");
        return !value.isEmpty() && !SettingsSecrets.isSealed(value);
    }

    /**
     * The document the bridges read (their AnnouncedSettings): absent PEM fields keep each bridge's
     * configured files; username and password are always present, qos only when it overrides each entry's own; so clearing them takes effect.
     * {@code password} and {@code client_key_pem} are sealed ({@link SettingsSecrets}, associated data
     * the field's name); an empty password means none.
     */
    String document(SavedSettings saved) {
        BrokerSettings s = saved.settings();
        ObjectNode json = mapper.createObjectNode()
                .put(SettingsDocument.VERSION.field(), saved.version())
                .put(SettingsDocument.HOST.field(), s.host())
                .put(SettingsDocument.PORT.field(), s.port())
                .put(SettingsDocument.TLS.field(), s.tls())
                .put(SettingsDocument.VERIFY_HOSTNAME.field(), s.verifyHostname())
                .put(SettingsDocument.USERNAME.field(), s.username() == null ? "" : s.username())
                .put(
                        SettingsSecrets.PASSWORD,
                        s.password() == null ? "" : secrets.seal(SettingsSecrets.PASSWORD, s.password()))
                .put(SettingsDocument.CLIENT_ID_PREFIX.field(), s.clientIdPrefix())
                .put(SettingsDocument.KEEP_ALIVE_SECONDS.field(), s.keepAliveSeconds())
                .put(SettingsDocument.IN_FLIGHT_WINDOW.field(), s.inFlightWindow())
                .put(SettingsDocument.TOPIC_PREFIX.field(), s.topicPrefix())
                .put(SettingsDocument.UPDATED_BY.field(), saved.updatedBy())
                .put(SettingsDocument.UPDATED_AT.field(), saved.updatedAt().toString());
        if (s.qos() != null) {
            json.put(SettingsDocument.QOS.field(), s.qos());
        }
        if (s.caPem() != null) {
            json.put(SettingsDocument.CA_PEM.field(), s.caPem());
        }
        if (s.clientCertPem() != null) {
            json.put(SettingsDocument.CLIENT_CERT_PEM.field(), s.clientCertPem());
        }
        if (s.clientKeyPem() != null) {
            json.put(SettingsSecrets.CLIENT_KEY, secrets.seal(SettingsSecrets.CLIENT_KEY, s.clientKeyPem()));
        }
        return json.toString();
    }
}
