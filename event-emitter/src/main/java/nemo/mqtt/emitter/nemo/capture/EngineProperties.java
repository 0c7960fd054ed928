package nemo.mqtt.emitter.nemo.capture;

import java.util.Properties;

/**
 * The Debezium Postgres connector's settings for NEMO (docs/notes/nemo-capture-research.md, 4.2 and
 * 4.4): pgoutput, the DBA's publication (never created here), no snapshot (the stream starts where
 * the slot was created), offsets in the emitter's database ({@link CaptureOffsetStore}).
 */
final class EngineProperties {

    /** Part of the offset key with the engine name: never change it. */
    static final String TOPIC_PREFIX = "nemo";

    private EngineProperties() {}

    static Properties of(CaptureConfig config) {
        Properties p = new Properties();
        p.setProperty("name", CaptureOffsetStore.ENGINE_NAME);
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", CaptureOffsetStore.class.getName());
        p.setProperty("offset.flush.interval.ms", "0");
        p.setProperty("database.hostname", config.host());
        p.setProperty("database.port", String.valueOf(config.port()));
        p.setProperty("database.user", config.user());
        config.password().ifPresent(password -> p.setProperty("database.password", password));
        p.setProperty("database.dbname", config.database());
        p.setProperty("topic.prefix", TOPIC_PREFIX);
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", config.slot());
        p.setProperty("publication.name", config.publication());
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("table.include.list", config.schema() + "\\.(" + String.join("|", ChangeApplier.TABLES) + ")");
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty(
                "heartbeat.interval.ms",
                String.valueOf(config.heartbeatInterval().toMillis()));
        p.setProperty("poll.interval.ms", String.valueOf(config.pollInterval().toMillis()));
        return p;
    }
}
