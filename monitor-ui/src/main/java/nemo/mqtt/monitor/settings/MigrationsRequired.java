package nemo.mqtt.monitor.settings;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

/**
 * The monitor's schema is migrated at every start over the JDBC datasource (Flyway), which also seals
 * secrets an earlier version stored in clear ({@link SealClearSecrets}). Without
 * {@code quarkus.datasource.jdbc.url} that datasource is inactive and Flyway skips it without a word;
 * this injection point makes Quarkus refuse to start instead, naming the property. (The settings
 * themselves go over the reactive client, which fails the same way without its URL.)
 */
@Startup
@Singleton
class MigrationsRequired {

    @Inject
    DataSource migrations;
}
