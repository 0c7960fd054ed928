package nemo.mqtt.monitor;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.SharedServices;
import nemo.mqtt.wire.SealedSecret;

/** Saving broker settings: stored sealed, audited, announced; refused values and conflicting saves (tests of a connection: {@link SettingsConnectionTest}). */
@QuarkusTest
@QuarkusTestResource(BrokerTestResource.class)
class SettingsTest {

    /** The test profile's nemo.settings.encryption-key, as a bridge would hold it. */
    private static final SealedSecret TEST_KEY = SealedSecret.withKey("bm9ydGVzdHMtb25seS1ub3QtYS1yZWFsLWtleS0wMDE=");

    @Inject
    RedisDataSource redis;

    @Inject
    DataSource database;

    @Inject
    Flyway flyway;

    @Test
    void savedSettingsAreStoredAuditedAndAnnouncedWithoutEchoingSecrets() throws Exception {
        AdminForm admin = AdminForm.open();
        Map<String, String> form = AdminForm.validValues();
        form.remove("clear_password");
        form.remove("clear_client_key");
        form.put("username", "bridge-user");
        form.put("password", "s3cret-passw0rd");
        form.put("client_cert_pem", AdminForm.pem(DevCerts.shared().cert("bridge")));
        form.put("client_key_pem", AdminForm.pem(DevCerts.shared().key("bridge")));
        String location = admin.post("/settings", form, "text/html")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        assertTrue(location.contains("/settings?saved="), location);

        String document = redis.value(String.class).get("nemo:bridge:settings");
        JsonObject announced = new JsonObject(document);
        assertEquals("localhost", announced.getString("host"));
        assertEquals(SharedServices.mosquitto().port(), announced.getInteger("port"));
        // the bridges get the secrets sealed, and open them with the shared key and the field's name
        assertFalse(document.contains("s3cret-passw0rd") || document.contains("PRIVATE KEY"), document);
        assertEquals("s3cret-passw0rd", TEST_KEY.open("password", announced.getString("password")));
        assertEquals(
                AdminForm.pem(DevCerts.shared().key("bridge")).strip() + "\n",
                TEST_KEY.open("client_key_pem", announced.getString("client_key_pem")));
        assertClearNowhereInTheDatabase(
                "s3cret-passw0rd", AdminForm.pem(DevCerts.shared().key("bridge")));
        long version = announced.getLong("version");
        assertTrue(location.endsWith("saved=" + version), location);

        String page = io.restassured.RestAssured.given()
                .cookie(Login.COOKIE, Login.session(Login.ADMIN))
                .get(location)
                .then()
                .statusCode(200)
                .body(containsString("Saved as version " + version))
                .body(containsString("id=\"password-set\""))
                .body(containsString("id=\"client-key-set\""))
                .extract()
                .asString();
        assertFalse(page.contains("s3cret-passw0rd"), "the password is never sent back to the browser");
        assertFalse(page.contains("PRIVATE KEY-----\n"), "the private key is never sent back to the browser");
        assertTrue(page.contains("<td>" + version + "</td><td>admin</td>"), "the change is in the audit trail");

        // saving again with the secret fields empty keeps the stored secrets
        form.remove("password");
        form.remove("client_key_pem");
        form.put("keep_alive_seconds", "45");
        admin.post("/settings", form, "text/html").then().statusCode(303);
        JsonObject next = new JsonObject(redis.value(String.class).get("nemo:bridge:settings"));
        assertEquals(version + 1, next.getLong("version"));
        assertEquals(45, next.getInteger("keep_alive_seconds"));
        assertEquals("s3cret-passw0rd", TEST_KEY.open("password", next.getString("password")));
        assertTrue(TEST_KEY.open("client_key_pem", next.getString("client_key_pem"))
                .contains("PRIVATE KEY"));
        Login.as(Login.ADMIN)
                .get("/settings")
                .then()
                .body(containsString("<td>" + (version + 1) + "</td><td>admin</td><td>"))
                .body(containsString("keep-alive"));

        // stored secrets never go to another broker: pointing the form elsewhere asks for them again
        form.put("host", "127.0.0.1");
        admin.post("/settings/test", form, "text/html")
                .then()
                .statusCode(400)
                .body(containsString("id=\"password-error\">The broker changed: type the password again"))
                .body(containsString("id=\"client_key_pem-error\">The broker changed: paste the client key again"));
    }

    /** Issue 14: the row holds the secrets sealed, and they open with the key to what was saved. */
    private void assertClearNowhereInTheDatabase(String password, String clientKey) throws Exception {
        try (Connection db = database.getConnection();
                Statement query = db.createStatement();
                ResultSet row = query.executeQuery("SELECT * FROM monitor.broker_settings WHERE id = 1")) {
            assertTrue(row.next());
            for (int column = 1; column <= row.getMetaData().getColumnCount(); column++) {
                String value = row.getString(column);
                assertFalse(
                        value != null && (value.contains(password) || value.contains("PRIVATE KEY")),
                        row.getMetaData().getColumnName(column) + " holds a secret in clear");
            }
            assertEquals(password, TEST_KEY.open("password", row.getString("password")));
            assertEquals(
                    clientKey.strip(),
                    TEST_KEY.open("client_key_pem", row.getString("client_key_pem"))
                            .strip());
        }
    }

    @Test
    void secretsStoredInClearByAnEarlierVersionAreSealedWhenTheMonitorMigrates() throws Exception {
        saveWithCredentials("first-password");
        // as an earlier version left the row
        try (Connection db = database.getConnection();
                PreparedStatement clear = db.prepareStatement(
                        "UPDATE monitor.broker_settings SET password = ?, client_key_pem = ? WHERE id = 1")) {
            clear.setString(1, "legacy-clear-password");
            clear.setString(2, AdminForm.pem(DevCerts.shared().key("bridge")));
            assertEquals(1, clear.executeUpdate());
        }
        flyway.migrate(); // what every start does
        assertClearNowhereInTheDatabase(
                "legacy-clear-password", AdminForm.pem(DevCerts.shared().key("bridge")));
        Login.page(Login.ADMIN, "/settings")
                .body(containsString("id=\"password-set\""))
                .body(not(containsString("legacy-clear-password")));
    }

    @Test
    void aDocumentWithASecretInClearLeftInRedisByAnEarlierVersionIsAnnouncedAgainSealed() throws Exception {
        saveWithCredentials("redis-password");
        JsonObject announced = new JsonObject(redis.value(String.class).get("nemo:bridge:settings"));
        redis.value(String.class)
                .set(
                        "nemo:bridge:settings",
                        announced.copy().put("password", "redis-password").encode());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String document = redis.value(String.class).get("nemo:bridge:settings");
            assertFalse(document.contains("redis-password"), "still in clear");
            JsonObject again = new JsonObject(document);
            assertEquals(announced.getLong("version"), again.getLong("version"));
            assertEquals("redis-password", TEST_KEY.open("password", again.getString("password")));
        });
    }

    @Test
    void aSaveBasedOnAnOlderVersionIsRefusedInsteadOfUndoingTheNewerOne() throws Exception {
        AdminForm first = AdminForm.open();
        AdminForm second = AdminForm.open(); // two admins open the page at the same version
        assertEquals(first.basedOn(), second.basedOn());
        Map<String, String> firstValues = AdminForm.validValues();
        firstValues.put("based_on", first.basedOn());
        firstValues.put("keep_alive_seconds", "41");
        first.post("/settings", firstValues, "text/html").then().statusCode(303);
        long saved = new JsonObject(redis.value(String.class).get("nemo:bridge:settings")).getLong("version");

        Map<String, String> secondValues = AdminForm.validValues();
        secondValues.put("based_on", second.basedOn());
        secondValues.put("keep_alive_seconds", "42");
        String page = second.post("/settings", secondValues, "text/html")
                .then()
                .statusCode(409)
                .body(containsString("admin saved version " + saved + " while you were editing"))
                .body(containsString("value=\"42\"")) // what they typed stays in the form
                .extract()
                .asString();
        JsonObject announced = new JsonObject(redis.value(String.class).get("nemo:bridge:settings"));
        assertEquals(saved, announced.getLong("version"), "nothing saved or announced");
        assertEquals(41, announced.getInteger("keep_alive_seconds"));

        // saving again from that page knowingly replaces the newer version
        secondValues.put("based_on", AdminForm.basedOn(page));
        second.post("/settings", secondValues, "text/html").then().statusCode(303);
        assertEquals(
                42,
                new JsonObject(redis.value(String.class).get("nemo:bridge:settings")).getInteger("keep_alive_seconds"));
    }

    @Test
    void wrongValuesComeBackWithAMessageNextToTheFieldAndNothingIsSaved() throws Exception {
        String before = redis.value(String.class).get("nemo:bridge:settings");
        Map<String, String> form = AdminForm.validValues();
        form.put("port", "70000");
        form.put("topic_prefix", "nemo/#");
        form.put("ca_pem", "not a certificate");
        form.put("password", "no-user-name");
        String page = AdminForm.open()
                .post("/settings", form, "text/html")
                .then()
                .statusCode(400)
                .body(containsString("id=\"port-error\">Port must be a whole number from 1 to 65535."))
                .body(containsString("id=\"topic_prefix-error\">Must not contain the wildcards + or #."))
                .body(containsString("id=\"ca_pem-error\">This is not a PEM certificate"))
                .body(containsString("id=\"username-error\">MQTT sends a password only with a user name"))
                .body(containsString("value=\"70000\""))
                .extract()
                .asString();
        assertTrue(page.contains("Nothing was saved"));
        assertEquals(before, redis.value(String.class).get("nemo:bridge:settings"), "nothing announced");

        // the broker's own topics: a wildcard subscriber (a display on nemo/#) would never see them
        Map<String, String> brokerOwn = AdminForm.validValues();
        brokerOwn.put("topic_prefix", "$SYS");
        AdminForm.open()
                .post("/settings", brokerOwn, "text/html")
                .then()
                .statusCode(400)
                .body(containsString("id=\"topic_prefix-error\">Must not start with $"));
        assertEquals(before, redis.value(String.class).get("nemo:bridge:settings"), "nothing announced");
    }

    /** Saves valid settings with the user name bridge-user and {@code password}, as an admin's form does. */
    private static void saveWithCredentials(String password) throws Exception {
        Map<String, String> form = AdminForm.validValues();
        form.put("username", "bridge-user");
        form.put("password", password);
        AdminForm.open().post("/settings", form, "text/html").then().statusCode(303);
    }
}
