package nemo.mqtt.monitor;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.FreePorts;

/** The settings page's "Test connection" against the real test broker: nothing is saved. */
@QuarkusTest
@QuarkusTestResource(BrokerTestResource.class)
class SettingsConnectionTest {

    @Test
    void testConnectionSucceedsAgainstTheRealBroker() throws Exception {
        Map<String, String> form = AdminForm.validValues();
        form.put("client_cert_pem", AdminForm.pem(DevCerts.shared().cert("bridge")));
        form.put("client_key_pem", AdminForm.pem(DevCerts.shared().key("bridge")));
        JsonObject result = AdminForm.open().test(form);
        assertTrue(result.getBoolean("ok"), result.encode());
        assertTrue(result.getString("message").contains("accepted the MQTT CONNECT"), result.encode());
    }

    @Test
    void testConnectionNamesAnUntrustedCertificateAndARefusedPortDifferently() throws Exception {
        Map<String, String> wrongCa = AdminForm.validValues();
        wrongCa.put("ca_pem", AdminForm.pem(DevCerts.create("other").ca()));
        JsonObject untrusted = AdminForm.open().test(wrongCa);
        assertFalse(untrusted.getBoolean("ok"));
        assertTrue(untrusted.getString("message").startsWith("Certificate not trusted"), untrusted.encode());

        Map<String, String> closedPort = AdminForm.validValues();
        closedPort.put("port", Integer.toString(FreePorts.next()));
        JsonObject refused = AdminForm.open().test(closedPort);
        assertFalse(refused.getBoolean("ok"));
        assertTrue(refused.getString("message").startsWith("Connection refused"), refused.encode());

        // without JavaScript the same test answers with the page, the entered values kept
        AdminForm.open()
                .post("/settings/test", closedPort, "text/html")
                .then()
                .statusCode(200)
                .body(containsString("Connection refused"))
                .body(containsString("value=\"" + closedPort.get("port") + "\""))
                .body(not(containsString("Saved as version")));
    }
}
