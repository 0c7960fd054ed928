package nemo.mqtt.monitor;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.SharedServices;

/**
 * Issue 14: a viewer's CSRF token and cookie with an admin's session saved broker settings; the
 * sign-in form had no CSRF protection; nothing checked {@code Origin}; a one-character token answered 500.
 */
@QuarkusTest
@QuarkusTestResource(BrokerTestResource.class)
class CsrfTest {

    /** A signed-in person's browser on a page with a form: session, nonce cookie, the form's token. */
    private record Browser(String session, String nonce, String token) {
        static Browser open(String user, String page) {
            String session = Login.session(user);
            Response response = given().cookie(Login.COOKIE, session)
                    .get(page)
                    .then()
                    .statusCode(200)
                    .extract()
                    .response();
            return new Browser(session, response.cookie(Login.CSRF_COOKIE), Login.token(response.asString()));
        }

        RequestSpecification post() {
            return post(Login.origin(), nonce);
        }

        /** A post from {@code origin} with {@code nonce} as the CSRF cookie (each sent once, as a browser does). */
        RequestSpecification post(String origin, String nonce) {
            return given().redirects()
                    .follow(false)
                    .header("Origin", origin)
                    .cookie(Login.COOKIE, session)
                    .cookie(Login.CSRF_COOKIE, nonce)
                    .contentType("application/x-www-form-urlencoded");
        }
    }

    private static Map<String, String> settings() {
        Map<String, String> form =
                AdminForm.validValues(SharedServices.mosquitto().port(), "");
        form.remove("ca_pem");
        form.put("tls", "");
        return form;
    }

    @Test
    void aViewersTokenIsWorthNothingInAnAdminsSession() {
        Browser viewer = Browser.open(Login.VIEWER, "/");
        String admin = Login.session(Login.ADMIN);
        given().redirects()
                .follow(false)
                .header("Origin", Login.origin())
                .cookie(Login.COOKIE, admin)
                .cookie(Login.CSRF_COOKIE, viewer.nonce())
                .contentType("application/x-www-form-urlencoded")
                .formParams(settings())
                .formParam("csrf-token", viewer.token())
                .post("/settings")
                .then()
                .statusCode(403);
        // and an admin's own token from another browser (other nonce) is refused as well
        Browser elsewhere = Browser.open(Login.ADMIN, "/settings");
        Browser here = Browser.open(Login.ADMIN, "/settings");
        here.post()
                .formParams(settings())
                .formParam("csrf-token", elsewhere.token())
                .post("/settings/test")
                .then()
                .statusCode(403);
    }

    @Test
    void malformedTokensAnswer400() {
        Browser admin = Browser.open(Login.ADMIN, "/settings");
        for (String token : new String[] {"x", "", "%%", "a".repeat(43 * 3), "!".repeat(43)}) {
            admin.post()
                    .formParams(settings())
                    .formParam("csrf-token", token)
                    .post("/settings/test")
                    .then()
                    .statusCode(400)
                    .body(containsString("security token"));
        }
        admin.post()
                .header("X-CSRF-Token", "x")
                .formParams(settings())
                .post("/settings/test")
                .then()
                .statusCode(400);
        // the settings page's script asks for JSON and shows the message
        admin.post()
                .accept("application/json")
                .formParams(settings())
                .formParam("csrf-token", "x")
                .post("/settings/test")
                .then()
                .statusCode(400)
                .contentType("application/json")
                .body("ok", equalTo(false))
                .body("message", containsString("Reload the page"));
        // a forged nonce cookie, too
        admin.post(Login.origin(), "x")
                .formParams(settings())
                .formParam("csrf-token", admin.token())
                .post("/settings/test")
                .then()
                .statusCode(400);
    }

    @Test
    void theRightTokenFromTheRightOriginWorks() {
        Browser admin = Browser.open(Login.ADMIN, "/settings");
        admin.post()
                .accept("application/json")
                .formParams(settings())
                .formParam("csrf-token", admin.token())
                .post("/settings/test")
                .then()
                .statusCode(200);
        admin.post()
                .accept("application/json")
                .header("X-CSRF-Token", admin.token())
                .formParams(settings())
                .post("/settings/test")
                .then()
                .statusCode(200);
        // no Origin but a same-origin Referer (an older browser) is fine too
        given().redirects()
                .follow(false)
                .header("Referer", Login.origin() + "/settings")
                .cookie(Login.COOKIE, admin.session())
                .cookie(Login.CSRF_COOKIE, admin.nonce())
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", admin.token())
                .post("/logout")
                .then()
                .statusCode(303);
    }

    @Test
    void crossOriginPostsAreRefusedSignInAndSignOutIncluded() {
        String[] signIn = Login.signInForm();
        for (String origin : new String[] {
            "http://evil.example", "null", Login.origin().replace("http:", "https:"), "http://localhost:1", "not a url"
        }) {
            Login.signInPost(Login.ADMIN, signIn[0], signIn[1])
                    .header("Origin", origin)
                    .post("/j_security_check")
                    .then()
                    .statusCode(403);
            Browser admin = Browser.open(Login.ADMIN, "/settings");
            admin.post(origin, admin.nonce())
                    .formParams(settings())
                    .formParam("csrf-token", admin.token())
                    .post("/settings")
                    .then()
                    .statusCode(403);
            admin.post(origin, admin.nonce())
                    .formParam("csrf-token", admin.token())
                    .post("/logout")
                    .then()
                    .statusCode(403);
        }
        // neither Origin nor Referer: refused as well
        Login.signInPost(Login.ADMIN, signIn[0], signIn[1])
                .post("/j_security_check")
                .then()
                .statusCode(403);
        // a cross-site Referer without Origin
        Login.signInPost(Login.ADMIN, signIn[0], signIn[1])
                .header("Referer", "http://evil.example/form")
                .post("/j_security_check")
                .then()
                .statusCode(403);
    }

    @Test
    void theSignInFormNeedsItsToken() {
        String[] signIn = Login.signInForm();
        RequestSpecification post = given().redirects()
                .follow(false)
                .header("Origin", Login.origin())
                .formParam("j_username", Login.ADMIN)
                .formParam("j_password", "admin-test-password");
        post.post("/j_security_check").then().statusCode(400);
        Login.signInPost(Login.ADMIN, signIn[0], "x")
                .header("Origin", Login.origin())
                .post("/j_security_check")
                .then()
                .statusCode(400);
        // another browser's sign-in token
        String[] other = Login.signInForm();
        Login.signInPost(Login.ADMIN, signIn[0], other[1])
                .header("Origin", Login.origin())
                .post("/j_security_check")
                .then()
                .statusCode(403);
    }

    @Test
    void behindAProxyTheForwardedOriginCounts() {
        String[] signIn = Login.signInForm();
        String cookie = Login.signInPost(Login.VIEWER, signIn[0], signIn[1])
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "monitor.example.org")
                .header("Origin", "https://monitor.example.org")
                .post("/j_security_check")
                .then()
                .statusCode(302)
                .header("Location", endsWith("/"))
                .extract()
                .cookie(Login.COOKIE);
        assertEquals(false, cookie == null || cookie.isEmpty());
        // the configured extra origin (nemo.monitor.allowed-origins in the test profile)
        Login.signInPost(Login.VIEWER, signIn[0], signIn[1])
                .header("Origin", "https://monitor-alias.example.org")
                .post("/j_security_check")
                .then()
                .statusCode(302);
        // the forwarded host of another site does not make its origin ours
        Login.signInPost(Login.VIEWER, signIn[0], signIn[1])
                .header("X-Forwarded-Host", "monitor.example.org")
                .header("Origin", "https://evil.example")
                .post("/j_security_check")
                .then()
                .statusCode(403);
    }
}
