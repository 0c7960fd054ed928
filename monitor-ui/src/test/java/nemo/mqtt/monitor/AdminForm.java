package nemo.mqtt.monitor;

import static io.restassured.RestAssured.given;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.SharedServices;

/** An admin's browser on the settings page: session cookie, CSRF cookie and the form's hidden token. */
public final class AdminForm {

    private static final Pattern BASED_ON = Pattern.compile("name=\"based_on\" value=\"(\\d+)\"");

    private final String session;
    private final String csrfCookie;
    private final String csrfToken;
    private final String basedOn;

    private AdminForm(String session, String csrfCookie, String csrfToken, String basedOn) {
        this.session = session;
        this.csrfCookie = csrfCookie;
        this.csrfToken = csrfToken;
        this.basedOn = basedOn;
    }

    /** The settings version the page showed in force when this form was opened. */
    public String basedOn() {
        return basedOn;
    }

    /** The version in force according to a settings page. */
    public static String basedOn(String page) {
        Matcher basedOn = BASED_ON.matcher(page);
        if (!basedOn.find()) {
            throw new AssertionError("the settings form does not say which version it is based on");
        }
        return basedOn.group(1);
    }

    public static AdminForm open() {
        String session = Login.session(Login.ADMIN);
        Response page = given().cookie(Login.COOKIE, session)
                .get("/settings")
                .then()
                .statusCode(200)
                .extract()
                .response();
        return new AdminForm(
                session, page.cookie(Login.CSRF_COOKIE), Login.token(page.asString()), basedOn(page.asString()));
    }

    /** Values a valid form would post for the test broker (TLS, the dev CA). */
    public static Map<String, String> validValues(int port, String caPem) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("host", "localhost");
        form.put("port", Integer.toString(port));
        form.put("tls", "on");
        form.put("verify_hostname", "on");
        form.put("ca_pem", caPem);
        form.put("client_id_prefix", "nemo-bridge-");
        form.put("keep_alive_seconds", "30");
        form.put("qos", "1");
        form.put("in_flight_window", "256");
        form.put("topic_prefix", "nemo");
        // each test starts from no stored secrets, whatever an earlier test saved
        form.put("clear_password", "on");
        form.put("clear_client_key", "on");
        return form;
    }

    /** Values a valid form would post for the shared test broker, with the dev CA; a new map each call. */
    public static Map<String, String> validValues() throws Exception {
        return validValues(
                SharedServices.mosquitto().port(), pem(DevCerts.shared().ca()));
    }

    /** A PEM file's text. */
    public static String pem(Path file) throws Exception {
        return Files.readString(file);
    }

    /** Posts {@code values} to the settings page's connection test and gives the JSON answer (status 200). */
    public JsonObject test(Map<String, String> values) {
        return new JsonObject(post("/settings/test", values, "application/json")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    public Response post(String path, Map<String, String> values, String accept) {
        return given().redirects()
                .follow(false)
                .cookie(Login.COOKIE, session)
                .cookie("csrf-token", csrfCookie)
                .header("Origin", Login.origin())
                .accept(accept)
                .contentType("application/x-www-form-urlencoded")
                .formParams(values)
                .formParam("csrf-token", csrfToken)
                .post(path);
    }
}
