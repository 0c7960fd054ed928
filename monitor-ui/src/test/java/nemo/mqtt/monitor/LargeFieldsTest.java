package nemo.mqtt.monitor;

import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.SharedServices;
import nemo.mqtt.wire.SealedSecret;

/**
 * Issue 14: a settings field over 2 KiB answered 413 with an empty page, so a 4096-bit RSA key or a
 * CA bundle of four certificates could not be saved, and "Test connection" answered 500. Keys and
 * certificates are made with openssl for the test, never committed.
 */
@QuarkusTest
@QuarkusTestResource(BrokerTestResource.class)
class LargeFieldsTest {

    /** The test profile's nemo.settings.encryption-key, as a bridge holds it. */
    private static final String TEST_SETTINGS_KEY = "bm9ydGVzdHMtb25seS1ub3QtYS1yZWFsLWtleS0wMDE=";

    private static String bigKey;
    private static String bigCert;
    private static String bundle;

    @Inject
    RedisDataSource redis;

    @BeforeAll
    static void makeKeys() throws Exception {
        Path dir = Files.createTempDirectory("nemo-big-pem-");
        DevCerts dev = DevCerts.shared();
        // a 4096-bit client key with a certificate from the dev CA, so the broker accepts it
        openssl(
                dir,
                "req",
                "-new",
                "-newkey",
                "rsa:4096",
                "-nodes",
                "-keyout",
                "client.key",
                "-subj",
                "/CN=nemo-bridge-rsa4096",
                "-out",
                "client.csr");
        openssl(
                dir,
                "x509",
                "-req",
                "-in",
                "client.csr",
                "-CA",
                dev.ca().toString(),
                "-CAkey",
                dev.dir().resolve("ca.key").toString(),
                "-set_serial",
                "0x" + Long.toHexString(System.nanoTime()),
                "-days",
                "1",
                "-out",
                "client.pem");
        StringBuilder certificates = new StringBuilder(Files.readString(dev.ca()));
        for (int i = 1; i <= 3; i++) {
            openssl(
                    dir,
                    "req",
                    "-x509",
                    "-newkey",
                    "rsa:4096",
                    "-nodes",
                    "-keyout",
                    "other" + i + ".key",
                    "-subj",
                    "/CN=Other CA " + i,
                    "-days",
                    "1",
                    "-out",
                    "other" + i + ".pem");
            certificates.append(Files.readString(dir.resolve("other" + i + ".pem")));
        }
        bigKey = Files.readString(dir.resolve("client.key"));
        bigCert = Files.readString(dir.resolve("client.pem"));
        bundle = certificates.toString();
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().delete());
        }
        Files.delete(dir);
        assertTrue(bigKey.length() > 3000, "a 4096-bit key is over 3 KB: " + bigKey.length());
        assertTrue(bundle.length() > 2048, "the bundle is over the old 2 KiB limit: " + bundle.length());
    }

    private static void openssl(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0, "openssl " + command);
    }

    private static Map<String, String> withBigPem() {
        Map<String, String> form =
                AdminForm.validValues(SharedServices.mosquitto().port(), bundle);
        form.remove("clear_client_key");
        form.put("client_cert_pem", bigCert);
        form.put("client_key_pem", bigKey);
        return form;
    }

    @Test
    void aBigKeyAndAFourCertificateBundleAreTestedAndSaved() {
        JsonObject tested = new JsonObject(AdminForm.open()
                .post("/settings/test", withBigPem(), "application/json")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertEquals(Boolean.TRUE, tested.getBoolean("ok"), tested.encode());
        AdminForm.open()
                .post("/settings/test", withBigPem(), "text/html")
                .then()
                .statusCode(200);

        AdminForm.open().post("/settings", withBigPem(), "text/html").then().statusCode(303);
        JsonObject announced = new JsonObject(redis.value(String.class).get("nemo:bridge:settings"));
        assertEquals(
                bigKey.strip(),
                SealedSecret.withKey(TEST_SETTINGS_KEY)
                        .open("client_key_pem", announced.getString("client_key_pem"))
                        .strip(),
                "sealed, and whole");
        assertEquals(bundle.strip(), announced.getString("ca_pem").strip());
    }

    @Test
    void aFieldOverTheLimitGetsAClearAnswer() {
        Map<String, String> form = withBigPem();
        form.put("ca_pem", bundle.repeat(20)); // far over 64 KiB
        AdminForm.open()
                .post("/settings", form, "text/html")
                .then()
                .statusCode(413)
                .body(containsString("ca_pem is larger than the monitor accepts (64 KiB per field)"));
        JsonObject json = new JsonObject(AdminForm.open()
                .post("/settings/test", form, "application/json")
                .then()
                .statusCode(413)
                .extract()
                .asString());
        assertEquals(Boolean.FALSE, json.getBoolean("ok"));
        assertTrue(json.getString("message").contains("64 KiB"), json.encode());
    }
}
