package nemo.mqtt.monitor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Issue 13: after a broker incident an admin asks the emitter to publish retained state again. */
@QuarkusTest
@QuarkusTestResource(BrokerTestResource.class)
class RepublishButtonTest {

    private static final String KEY = "nemo:events:republish";
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    @Inject
    RedisDataSource redis;

    /** Opens the bridges page as {@code user} and presses the button as its form would post it. */
    private static Response press(String user) {
        String session = Login.session(user);
        Response page = given().cookie(Login.COOKIE, session)
                .accept("text/html")
                .get("/bridges")
                .then()
                .statusCode(200)
                .extract()
                .response();
        Matcher token = TOKEN.matcher(page.asString());
        assertTrue(token.find(), "the page carries a CSRF token");
        return given().redirects()
                .follow(false)
                .cookie(Login.COOKIE, session)
                .header("Origin", Login.origin())
                .cookie("csrf-token", page.cookie("csrf-token"))
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", token.group(1))
                .post("/bridges/republish");
    }

    @Test
    void anAdminsPressSetsTheRequestKeyForTheEmitter() {
        redis.key().del(KEY);
        Login.htmlPage(Login.ADMIN, "/bridges")
                .body(containsString("action=\"/bridges/republish\""))
                .body(containsString("Publish retained state again"));
        Instant before = Instant.now().minus(Duration.ofMillis(1));
        String location = press(Login.ADMIN).then().statusCode(303).extract().header("Location");
        JsonObject request = new JsonObject(redis.value(String.class).get(KEY));
        assertEquals("admin_request", request.getString("reason"));
        assertEquals("admin", request.getString("requested_by"));
        String at = request.getString("requested_at");
        assertTrue(
                at.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+00:00"), "the wire time form: " + at);
        assertTrue(!OffsetDateTime.parse(at)
                .toInstant()
                .isBefore(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        assertEquals(3, request.size(), request.encode());
        given().cookie(Login.COOKIE, Login.session(Login.ADMIN))
                .accept("text/html")
                .get(location)
                .then()
                .statusCode(200)
                .body(containsString("id=\"republish-notice\""));
        redis.key().del(KEY);
    }

    @Test
    void aViewerNeitherSeesTheButtonNorCanPostIt() {
        redis.key().del(KEY);
        Login.htmlPage(Login.VIEWER, "/bridges").body(not(containsString("/bridges/republish")));
        press(Login.VIEWER).then().statusCode(403);
        assertNull(redis.value(String.class).get(KEY), "nothing requested");
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() {
        redis.key().del(KEY);
        Login.as(Login.ADMIN)
                .contentType("application/x-www-form-urlencoded")
                .formParam("x", "1")
                .post("/bridges/republish")
                .then()
                .statusCode(400);
        assertNull(redis.value(String.class).get(KEY), "nothing requested");
    }
}
