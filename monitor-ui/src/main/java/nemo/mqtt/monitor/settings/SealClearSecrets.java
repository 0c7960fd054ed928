package nemo.mqtt.monitor.settings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jboss.logging.Logger;

/**
 * Seals a broker password or client key that an earlier version stored in clear, as part of the
 * migration at every start ({@code afterMigrate}). A callback rather than a versioned migration,
 * which would run once: a key configured only later must still seal them, and without a key there
 * is nothing to seal with (then it warns, and they are sealed at the next start with a key, or
 * when the settings are next saved). Idempotent: sealed values are left as they are.
 */
@Singleton
public class SealClearSecrets implements FlywayConfigurationCustomizer {

    private static final Logger LOG = Logger.getLogger(SealClearSecrets.class);

    @Inject
    SettingsSecrets secrets;

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.callbacks(new BaseCallback() {
            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.AFTER_MIGRATE;
            }

            @Override
            public void handle(Event event, Context context) {
                String schema = context.getConfiguration().getDefaultSchema();
                String table = (schema == null ? "" : "\"" + schema.replace("\"", "\"\"") + "\".") + "broker_settings";
                try {
                    seal(context.getConnection(), table);
                } catch (SQLException e) {
                    throw new FlywayException(
                            "Could not seal the stored broker settings secrets: " + e.getMessage(), e);
                }
            }
        });
    }

    void seal(Connection connection, String table) throws SQLException {
        String password;
        String clientKey;
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT password, client_key_pem FROM " + table + " WHERE id = 1 FOR UPDATE");
                ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return;
            }
            password = row.getString(1);
            clientKey = row.getString(2);
        }
        boolean clearPassword = password != null && !SettingsSecrets.isSealed(password);
        boolean clearKey = clientKey != null && !SettingsSecrets.isSealed(clientKey);
        if (!clearPassword && !clearKey) {
            return;
        }
        if (!secrets.available()) {
            LOG.warn("The saved broker settings hold a password or client key in clear: set "
                    + "NEMO_SETTINGS_ENCRYPTION_KEY so that they are encrypted at the next start");
            return;
        }
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE " + table + " SET password = ?, client_key_pem = ? WHERE id = 1")) {
            update.setString(1, clearPassword ? secrets.seal(SettingsSecrets.PASSWORD, password) : password);
            update.setString(2, clearKey ? secrets.seal(SettingsSecrets.CLIENT_KEY, clientKey) : clientKey);
            update.executeUpdate();
        }
        LOG.info("Encrypted the broker settings secrets that were stored in clear");
    }
}
